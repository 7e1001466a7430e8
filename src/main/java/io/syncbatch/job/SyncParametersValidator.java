package io.syncbatch.job;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;
import org.springframework.stereotype.Component;

import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.run.PrepareMode;
import io.syncbatch.run.SyncRun;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.record.UntrustedText;

/**
 * Refuses a launch whose parameters the job would misread: an unknown name (a typo would
 * otherwise be silently ignored), an unknown store or prepare mode. Runs before the job
 * repository records anything.
 */
@Component
public class SyncParametersValidator {

	private final StoreConnectors stores;

	public SyncParametersValidator(StoreConnectors stores) {
		this.stores = stores;
	}

	public JobParametersValidator forJob(EntityJob job) {
		return parameters -> validate(job, parameters);
	}

	private static Set<String> accepted(EntityDefinition definition) {
		Set<String> names = new TreeSet<>(Set.of(SyncRun.STORE, SyncRun.MODE, SyncRun.LAUNCHED_AT));
		names.addAll(definition.source().parameters().keySet());
		definition.allBatchFilters().forEach(filter -> names.add(filter.parameter()));
		return names;
	}

	private void validate(EntityJob job, JobParameters parameters) throws InvalidJobParametersException {
		EntityDefinition definition = job.definition();
		Set<String> accepted = accepted(definition);
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
			if (!accepted.contains(parameter.name())) {
				throw new InvalidJobParametersException("job " + job.name() + ": unknown parameter "
						+ UntrustedText.quoted(parameter.name()) + "; accepted: " + accepted);
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
			SyncRun.filters(definition, parameters::getString);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidJobParametersException("job " + job.name() + ": " + e.getMessage());
		}
	}

}
