package io.syncbatch.run;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import io.syncbatch.definition.EntityDefinition;

/**
 * Who a running step works for: the store, the prepare mode, the ERP query's parameter values and the job
 * execution that writes the sync records. Read from the job parameters, which the job repository keeps, so a
 * restart runs with exactly the values of the run it resumes.
 */
public record SyncRun(String store, String entity, PrepareMode mode, Map<String, Object> queryParameters,
        long jobExecutionId) {

    public static final String STORE = "store";
    public static final String MODE = "mode";
    /** Makes every launch a new job instance, so a schedule can run the same parameters again. */
    public static final String LAUNCHED_AT = "launched.at";

    public static SyncRun of(EntityDefinition definition, StepExecution step) {
        JobParameters parameters = step.getJobParameters();
        String mode = parameters.getString(MODE);
        return new SyncRun(parameters.getString(STORE), definition.entity(),
                mode == null ? PrepareMode.INCREMENTAL : PrepareMode.parse(mode),
                queryParameters(definition, parameters::getString), step.getJobExecutionId());
    }

    /**
     * The definition's query parameters, each overridden by a job parameter of the same name when given, and
     * converted to the type of its default: MySQL would quietly read {@code companyId=abc} as 0.
     *
     * @throws IllegalArgumentException naming the parameter whose value does not fit
     */
    public static Map<String, Object> queryParameters(EntityDefinition definition, Function<String, String> given) {
        Map<String, Object> query = new HashMap<>(definition.source().parameters());
        definition.source().parameters().forEach((name, defaultValue) -> {
            String value = given.apply(name);
            if (value != null) {
                query.put(name, typed(name, defaultValue, value.trim()));
            }
        });
        return query;
    }

    private static Object typed(String name, Object defaultValue, String value) {
        try {
            if (defaultValue instanceof Integer) {
                return Integer.valueOf(value);
            }
            if (defaultValue instanceof Long) {
                return Long.valueOf(value);
            }
            if (defaultValue instanceof Number) {
                return new BigDecimal(value);
            }
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + name + "': '" + value + "' is not a "
                    + (defaultValue instanceof Integer || defaultValue instanceof Long ? "whole " : "") + "number");
        }
        if (defaultValue instanceof Boolean) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("parameter '" + name + "': '" + value + "' is not true or false");
            }
            return Boolean.valueOf(value);
        }
        return value;
    }
}
