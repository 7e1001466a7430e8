package io.syncbatch.job;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Batch records a failed execution's exit description as the outermost exception's stack
 * trace ("Unable to process chunk"). Operators need the reason underneath ("POST
 * /customers answered 503"), so the exit description is the reason itself; it is what the
 * CLI prints and the job repository keeps.
 */
class FailureReason implements JobExecutionListener {

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.FAILED) {
			return;
		}
		Set<String> reasons = new LinkedHashSet<>();
		execution.getAllFailureExceptions().forEach(failure -> reasons.add(reason(failure)));
		if (!reasons.isEmpty()) {
			execution
				.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(), String.join("; ", reasons)));
		}
	}

	/**
	 * Our own exceptions carry the sentence an operator needs; below them are transport
	 * details.
	 */
	private static String reason(Throwable failure) {
		Throwable reason = failure;
		while (!reason.getClass().getPackageName().startsWith("io.syncbatch") && reason.getCause() != null
				&& reason.getCause() != reason) {
			reason = reason.getCause();
		}
		return reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
	}

}
