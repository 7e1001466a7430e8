package io.syncbatch.run;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import io.syncbatch.definition.BatchFilter;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.pipeline.SyncContext;
import io.syncbatch.pipeline.Tally;
import io.syncbatch.record.UntrustedText;

/**
 * Who a running step works for: the store, the prepare mode, the ERP query's parameter
 * values and the job execution that writes the sync records. Read from the job
 * parameters, which the job repository keeps, so a restart runs with exactly the values
 * of the run it resumes.
 */
public record SyncRun(EntityJob job, String store, PrepareMode mode, Map<String, Object> queryParameters,
		Map<BatchFilter, Object> filters, long jobExecutionId, long jobInstanceId) {

	public static final String STORE = "store";

	public static final String MODE = "mode";

	/**
	 * Makes every launch a new job instance, so a schedule can run the same parameters
	 * again.
	 */
	public static final String LAUNCHED_AT = "launched.at";

	/**
	 * Read once per step, by the step's {@link StepRun}, and shared by its reader,
	 * processor and writer.
	 */
	public static SyncRun of(EntityJob job, StepExecution step) {
		JobParameters parameters = step.getJobParameters();
		String mode = parameters.getString(MODE);
		EntityDefinition definition = job.definition();
		return new SyncRun(job, parameters.getString(STORE),
				mode == null ? PrepareMode.INCREMENTAL : PrepareMode.parse(mode),
				queryParameters(definition, parameters::getString), filters(job, parameters::getString),
				step.getJobExecutionId(), step.getJobExecution().getJobInstance().getInstanceId());
	}

	public String entity() {
		return job.entity();
	}

	public SyncDirection direction() {
		return job.direction();
	}

	/** The sync this run is, for the record pipeline, counting into {@code tally}. */
	public SyncContext context(Tally tally) {
		return new SyncContext(job, store, queryParameters, jobExecutionId, tally, selective());
	}

	/**
	 * A run with batch-process filters (or chosen ids) is selective: it prepares every
	 * record they select, changed or not, processes only those, and leaves the watermark
	 * alone, having seen only part of the ERP.
	 */
	public boolean selective() {
		return !filters.isEmpty();
	}

	/**
	 * The batch-process filters given as job parameters, read into what is bound: a
	 * date-time for {@code from} and {@code to} (a date alone means its whole day), a
	 * list for {@code in}.
	 * @throws IllegalArgumentException naming the parameter whose value cannot be read
	 */
	public static Map<BatchFilter, Object> filters(EntityJob job, Function<String, String> given) {
		Map<BatchFilter, Object> filters = new LinkedHashMap<>();
		for (BatchFilter filter : job.definition().allBatchFilters(job.direction())) {
			String text = given.apply(filter.parameter());
			if (text != null) {
				filters.put(filter, filterValue(filter, text.trim()));
			}
		}
		return filters;
	}

	private static Object filterValue(BatchFilter filter, String text) {
		if (filter.match() == BatchFilter.Match.IN) {
			List<Object> values = new ArrayList<>();
			for (String item : text.split(",")) {
				if (!item.isBlank()) {
					values.add(single(filter, item.trim(), false));
				}
			}
			if (values.isEmpty()) {
				throw new IllegalArgumentException("parameter '" + filter.parameter() + "' lists no value");
			}
			return values;
		}
		return single(filter, text, filter.match() == BatchFilter.Match.TO);
	}

	private static Object single(BatchFilter filter, String text, boolean endOfDay) {
		switch (filter.type()) {
			case NUMBER:
				try {
					return new BigDecimal(text);
				}
				catch (NumberFormatException e) {
					throw new IllegalArgumentException("parameter '" + filter.parameter() + "': "
							+ UntrustedText.quoted(text) + " is not a number");
				}
			case DATE:
				try {
					if (text.length() <= 10) {
						LocalDate day = LocalDate.parse(text);
						return endOfDay ? day.atTime(23, 59, 59, 999_000_000) : day.atStartOfDay();
					}
					return LocalDateTime.parse(text);
				}
				catch (DateTimeParseException e) {
					throw new IllegalArgumentException("parameter '" + filter.parameter() + "': "
							+ UntrustedText.quoted(text) + " is not a date (yyyy-MM-dd or yyyy-MM-ddTHH:mm)");
				}
			default:
				return text;
		}
	}

	/**
	 * The definition's query parameters, each overridden by a job parameter of the same
	 * name when given, and converted to the type of its default: MySQL would quietly read
	 * {@code companyId=abc} as 0.
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
			throw new IllegalArgumentException("parameter '" + name + "': " + UntrustedText.quoted(value) + " is not a "
					+ (defaultValue instanceof Integer || defaultValue instanceof Long ? "whole " : "") + "number");
		}
		if (defaultValue instanceof Boolean) {
			if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
				throw new IllegalArgumentException(
						"parameter '" + name + "': " + UntrustedText.quoted(value) + " is not true or false");
			}
			return Boolean.valueOf(value);
		}
		return value;
	}
}
