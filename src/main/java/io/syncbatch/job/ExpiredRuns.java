package io.syncbatch.job;

import java.time.LocalDateTime;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import io.syncbatch.history.RunLocks;
import io.syncbatch.history.RunLocks.ExpiredLock;

/**
 * Recovers what a dead process left behind: a lock whose lease expired. Its execution,
 * still marked running in the job repository, is marked FAILED with the reason, so that
 * it can be restarted, and the lock is freed; a lock that names no execution (the process
 * died between taking it and recording its execution) is just freed. The next launch of
 * the store/entity does this first, and {@code serve} does it periodically.
 */
@Component
public class ExpiredRuns {

	private static final Logger log = LoggerFactory.getLogger(ExpiredRuns.class);

	private final RunLocks locks;

	private final JobRepository repository;

	private final JobOperator operator;

	private final LeaseSettings settings;

	ExpiredRuns(RunLocks locks, JobRepository repository, JobOperator operator, LeaseSettings settings) {
		this.locks = locks;
		this.repository = repository;
		this.operator = operator;
		this.settings = settings;
	}

	/** The expired locks of one store/entity. */
	void recover(String store, String entity) {
		locks.expired(store, entity).forEach(this::recover);
	}

	/** Every expired lock, of any store and entity. */
	public void recoverAll() {
		locks.expired(null, null).forEach(this::recover);
	}

	/**
	 * Why an execution whose lock this was is no longer running, as its exit message
	 * says.
	 */
	static String reason(@Nullable String holder, @Nullable LocalDateTime renewedAt) {
		String process = "the process running it" + (holder == null ? "" : " (" + holder + ")");
		return renewedAt == null ? process + " held no lease; recovered automatically"
				: process + " stopped renewing its lease at " + renewedAt.withNano(0).toString().replace('T', ' ')
						+ " (sync database time): it was killed, or lost the sync database for longer than the lease;"
						+ " recovered automatically";
	}

	private void recover(ExpiredLock lock) {
		Optional<String> claimed = locks.claim(lock, settings.duration());
		if (claimed.isEmpty()) {
			return;
		}
		try {
			Long executionId = lock.jobExecutionId();
			JobExecution execution = executionId == null ? null : repository.getJobExecution(executionId);
			if (execution != null && execution.isRunning()) {
				String reason = reason(lock.holder(), lock.renewedAt());
				execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), reason));
				operator.recover(execution);
				log.warn("Execution {} of {} on store {}: {}", executionId, lock.entity(), lock.store(), reason);
			}
			else if (executionId == null) {
				log.warn("The lock of {} on store {} named no execution and its lease expired (process {}); freed",
						lock.entity(), lock.store(), lock.holder());
			}
		}
		finally {
			locks.releaseOwned(claimed.get());
		}
	}

}
