package io.syncbatch.job;

import java.util.Collection;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.stereotype.Component;

import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.EntityJob;

/**
 * The job registry Spring Batch's operator uses to start and restart jobs by name. Jobs
 * come from the definitions, and every lookup builds a fresh job, so the readers and
 * writers of one execution are never the drained leftovers of another (a long-lived
 * service runs the same job many times).
 */
@Component
public class DefinitionJobRegistry implements JobRegistry {

	private final Definitions definitions;

	private final SyncJobFactory factory;

	public DefinitionJobRegistry(Definitions definitions, SyncJobFactory factory) {
		this.definitions = definitions;
		this.factory = factory;
	}

	@Override
	public @Nullable Job getJob(String name) {
		EntityJob job = definitions.job(name);
		return job == null ? null : factory.job(job);
	}

	@Override
	public Collection<String> getJobNames() {
		return definitions.jobNames();
	}

	@Override
	public void register(Job job) {
		throw new UnsupportedOperationException(
				"jobs are built from the definitions in jobs/, not registered: " + job.getName());
	}

	@Override
	public void unregister(String name) {
		throw new UnsupportedOperationException("jobs are built from the definitions in jobs/: " + name);
	}

}
