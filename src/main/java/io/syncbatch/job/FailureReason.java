package io.syncbatch.job;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import io.syncbatch.config.ConnectionFailure;
import io.syncbatch.config.DatabaseAddress;

/**
 * Batch records a failed execution's exit description as the outermost exception's stack
 * trace ("Unable to process chunk"). Operators need the reason underneath ("POST
 * /customers answered 503"), so the exit description is the reason itself; it is what the
 * CLI prints and the job repository keeps.
 */
class FailureReason implements JobExecutionListener {

	private final DatabaseAddress syncDatabase;

	FailureReason(DatabaseAddress syncDatabase) {
		this.syncDatabase = syncDatabase;
	}

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
	 * details. A lost connection that none of ours explains is the sync database's: the
	 * ERP's reader and the store's connector name their own.
	 */
	private String reason(Throwable failure) {
		Throwable reason = failure;
		while (!ours(reason) && reason.getCause() != null && reason.getCause() != reason) {
			reason = reason.getCause();
		}
		if (!ours(reason) && ConnectionFailure.in(failure).isPresent()) {
			return "the sync database at " + syncDatabase + " was unreachable: "
					+ ConnectionFailure.rootMessage(failure);
		}
		return reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
	}

	private static boolean ours(Throwable failure) {
		return failure.getClass().getPackageName().startsWith("io.syncbatch");
	}

}
