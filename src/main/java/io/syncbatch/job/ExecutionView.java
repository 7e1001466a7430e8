package io.syncbatch.job;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;

import io.syncbatch.run.SyncRun;

/**
 * One job execution as an operator lists it: the figures of its run summary. Batch's own
 * item counts are not shown: every record is read and written once by prepare and again
 * by process, so they would say twice what the ERP holds.
 *
 * @param read ERP rows prepare read
 */
public record ExecutionView(long id, String job, @Nullable String store, String status, @Nullable LocalDateTime start,
		@Nullable LocalDateTime end, long read, long prepared, long processed, long filtered, long failed, long held,
		String exitMessage) {

	public static ExecutionView of(JobExecution execution) {
		RunSummary summary = RunSummary.of(execution);
		return new ExecutionView(execution.getId(), execution.getJobInstance().getJobName(),
				execution.getJobParameters().getString(SyncRun.STORE), execution.getStatus().name(),
				execution.getStartTime(), execution.getEndTime(), summary.read(), summary.prepared(),
				summary.processed(), summary.filtered(), summary.failed(), summary.held(),
				execution.getExitStatus().getExitDescription());
	}
}
