package io.syncbatch.run;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

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

	private @Nullable SyncRun run;

	private @Nullable SyncContext context;

	private @Nullable StepExecution step;

	public StepRun(EntityJob job, SyncMeters meters) {
		this.job = job;
		this.meters = meters;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		SyncRun read = SyncRun.of(job, stepExecution);
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
