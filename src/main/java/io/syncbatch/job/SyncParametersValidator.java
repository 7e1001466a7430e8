package io.syncbatch.job;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.stereotype.Component;

import io.syncbatch.definition.BatchFilter;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.run.PrepareMode;
import io.syncbatch.run.SyncRun;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.record.UntrustedText;

/**
 * Refuses a launch whose parameters the job would misread: an unknown name (a typo would
 * otherwise be silently ignored), an unknown store or prepare mode, a value longer than
 * the job repository keeps, an ERP id longer than the history keeps. Runs before the job
 * repository records anything.
 */
@Component
public class SyncParametersValidator {

	/** The width of {@code BATCH_JOB_EXECUTION_PARAMS.PARAMETER_VALUE}. */
	public static final int LONGEST_VALUE = 2500;

	private final StoreConnectors stores;

	public SyncParametersValidator(StoreConnectors stores) {
		this.stores = stores;
	}

	public JobParametersValidator forJob(EntityJob job) {
		return parameters -> validate(job, parameters);
	}

	/**
	 * The parameters an operator may give; the engine's own {@code launched.at} is not
	 * one of them.
	 */
	static Set<String> offered(EntityJob job) {
		Set<String> names = new TreeSet<>(Set.of(SyncRun.STORE, SyncRun.MODE));
		names.addAll(job.definition().source().parameters().keySet());
		job.definition().allBatchFilters(job.direction()).forEach(filter -> names.add(filter.parameter()));
		return names;
	}

	private void validate(EntityJob job, JobParameters parameters) throws InvalidJobParametersException {
		EntityDefinition definition = job.definition();
		Set<String> offered = offered(job);
		for (var parameter : parameters) {
			try {
				UntrustedText.requirePrintable("a parameter name", parameter.name());
				if (parameter.value() instanceof String value) {
					UntrustedText.requirePrintable("parameter " + UntrustedText.quoted(parameter.name()), value);
				}
			}
			catch (IllegalArgumentException e) {
				throw new InvalidJobParametersException("job " + job.name() + ": " + e.getMessage());
			}
			if (!offered.contains(parameter.name()) && !SyncRun.LAUNCHED_AT.equals(parameter.name())) {
				throw new InvalidJobParametersException("job " + job.name() + ": unknown parameter "
						+ UntrustedText.quoted(parameter.name()) + "; accepted: " + offered);
			}
			String value = String.valueOf(parameter.value());
			if (value.length() > LONGEST_VALUE) {
				throw new InvalidJobParametersException(String.format(Locale.ROOT,
						"job %s: parameter '%s' is %,d characters long; the job repository keeps at most %,d%s",
						job.name(), parameter.name(), value.length(), LONGEST_VALUE,
						BatchFilter.IDS.equals(parameter.name()) ? ": give fewer ids at once" : ""));
			}
		}
		String ids = parameters.getString(BatchFilter.IDS);
		if (ids != null) {
			for (String id : ids.split(",")) {
				if (id.trim().length() > SyncRecord.LONGEST_KEY) {
					throw new InvalidJobParametersException(String.format(Locale.ROOT,
							"job %s: ERP id '%s…' in parameter 'ids' is %,d characters long; the sync history keeps"
									+ " ERP ids of at most %d",
							job.name(), id.trim().substring(0, 20), id.trim().length(), SyncRecord.LONGEST_KEY));
				}
			}
		}
		String store = parameters.getString(SyncRun.STORE);
		if (store == null || !stores.names().contains(store)) {
			throw new InvalidJobParametersException("job " + job.name() + ": parameter 'store' must"
					+ " name a configured store " + stores.names() + ", got " + UntrustedText.quoted(store));
		}
		try {
			String mode = parameters.getString(SyncRun.MODE);
			if (mode != null) {
				PrepareMode.parse(mode);
			}
			SyncRun.queryParameters(definition, parameters::getString);
			SyncRun.filters(job, parameters::getString);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidJobParametersException("job " + job.name() + ": " + e.getMessage());
		}
	}

}
