package io.syncbatch.run;

import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.metrics.SyncMeters;
import io.syncbatch.pipeline.SyncContext;

/**
 * The one place a step's run is read from Spring Batch: before the step starts, its job
 * parameters become a {@link SyncRun} and its {@link SyncContext}, which the step's
 * reader, processor and writer then share.
 */
public final class StepRun implements StepExecutionListener {

	private final EntityJob job;

	private final SyncMeters meters;

	private final Function<String, String> platformOf;

	private @Nullable SyncRun run;

	private @Nullable SyncContext context;

	private @Nullable StepExecution step;

	/**
	 * @param platformOf the platform a store is on, which may narrow what the job's
	 * definition does there ({@link EntityDefinition#on})
	 */
	public StepRun(EntityJob job, SyncMeters meters, Function<String, String> platformOf) {
		this.job = job;
		this.meters = meters;
		this.platformOf = platformOf;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		String store = Objects.requireNonNull(stepExecution.getJobParameters().getString(SyncRun.STORE));
		EntityJob onStore = new EntityJob(job.definition().on(platformOf.apply(store)), job.direction());
		SyncRun read = SyncRun.of(onStore, stepExecution);
		run = read;
		step = stepExecution;
		context = read
			.context(new CommittedCounts(stepExecution, meters.records(read.store(), read.entity(), read.direction())));
	}

	public SyncRun run() {
		if (run == null) {
			throw new IllegalStateException(job.name() + ": the step has not started");
		}
		return run;
	}

	public SyncContext context() {
		if (context == null) {
			throw new IllegalStateException(job.name() + ": the step has not started");
		}
		return context;
	}

	public StepExecution step() {
		if (step == null) {
			throw new IllegalStateException(job.name() + ": the step has not started");
		}
		return step;
	}

}
