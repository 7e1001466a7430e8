package io.syncbatch.job;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import io.syncbatch.run.SyncRun;

/**
 * One job execution as an operator lists it: Spring Batch's step counts (read, written,
 * skipped) and the sync's own committed counts, as the run summary prints them.
 */
public record ExecutionView(long id, String job, @Nullable String store, String status, @Nullable LocalDateTime start,
		@Nullable LocalDateTime end, long read, long written, long skipped, long prepared, long processed,
		long filtered, long failed, long held, String exitMessage) {

	public static ExecutionView of(JobExecution execution) {
		long read = 0;
		long written = 0;
		long skipped = 0;
		for (StepExecution step : execution.getStepExecutions()) {
			read += step.getReadCount();
			written += step.getWriteCount();
			skipped += step.getSkipCount();
		}
		RunSummary summary = RunSummary.of(execution);
		return new ExecutionView(execution.getId(), execution.getJobInstance().getJobName(),
				execution.getJobParameters().getString(SyncRun.STORE), execution.getStatus().name(),
				execution.getStartTime(), execution.getEndTime(), read, written, skipped, summary.prepared(),
				summary.processed(), summary.filtered(), summary.failed(), summary.held(),
				execution.getExitStatus().getExitDescription());
	}
}
