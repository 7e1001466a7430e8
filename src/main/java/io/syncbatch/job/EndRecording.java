package io.syncbatch.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.syncbatch.config.ConnectionFailure;
import io.syncbatch.config.DatabaseAddress;

/**
 * Records the end of a run (its steps' and job's final state, its lock freed) through an
 * outage of the sync database. Batch writes an ended execution once, and if the database
 * is unreachable at that moment the execution stays STARTED, its lock held and its reason
 * lost, or ends UNKNOWN, which Batch refuses to restart. So a write of an end that fails
 * because the database cannot be reached is tried again until the database answers, for
 * as long as the lease lasts: after that, the execution is recovered from its expired
 * lease by the next launch anyway. A write refused for another reason (an optimistic-lock
 * failure when another process already recovered the execution) is not retried.
 */
@Component
public class EndRecording {

	private static final Logger log = LoggerFactory.getLogger(EndRecording.class);

	private static final Duration FIRST_PAUSE = Duration.ofMillis(250);

	private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

	private final LeaseSettings leases;

	private final DatabaseAddress syncDatabase;

	/**
	 * When each execution whose end could not be written gives up: its first failed
	 * write's start plus the lease. Gone once a write of it went through.
	 */
	private final Map<Long, Instant> outages = new ConcurrentHashMap<>();

	EndRecording(LeaseSettings leases, DataSource syncDataSource) {
		this.leases = leases;
		this.syncDatabase = DatabaseAddress.of(syncDataSource);
	}

	/** Where the sync database is, as reasons name it. */
	DatabaseAddress syncDatabase() {
		return syncDatabase;
	}

	/**
	 * Does the write, again and again while the sync database cannot be reached, until
	 * the execution's outage has lasted the lease: the time is counted once per
	 * execution, from its first write that failed, so that its several end writes (each
	 * step's, the job's, the lock's release) wait for the lease in all, not each; once
	 * one has given up, the others are tried once.
	 * @param executionId the job execution whose end it records
	 * @param what the write, as a log line names it ("the end of execution 7")
	 * @throws SyncDatabaseUnreachableException when the database stayed unreachable for
	 * the lease's duration
	 */
	<T> T write(long executionId, String what, Supplier<T> write) {
		Duration pause = FIRST_PAUSE;
		while (true) {
			// An attempt can itself wait for the pool's connection timeout: the outage is
			// timed from the first attempt that failed, from when it began.
			Instant attempted = Instant.now();
			try {
				T written = write.get();
				if (outages.remove(executionId) != null) {
					log.info("The sync database at {} answers again; {} is recorded", syncDatabase, what);
				}
				return written;
			}
			catch (RuntimeException failure) {
				if (ConnectionFailure.in(failure).isEmpty()) {
					throw failure;
				}
				Instant giveUpAt = outages.computeIfAbsent(executionId, first -> {
					log.warn(
							"The sync database at {} is unreachable ({}); {} is recorded once it answers, "
									+ "trying for up to {} s",
							syncDatabase, ConnectionFailure.rootMessage(failure), what, leases.duration().toSeconds());
					return attempted.plus(leases.duration());
				});
				Instant now = Instant.now();
				if (now.isAfter(giveUpAt)) {
					throw new SyncDatabaseUnreachableException("the sync database at " + syncDatabase
							+ " was unreachable for " + leases.duration().toSeconds() + " s, so " + what
							+ " is not recorded; once the database is back, the next launch of the job (or serve) "
							+ "recovers the execution as FAILED when its lease has expired, and it can be restarted",
							failure);
				}
				// The last attempt is made when the lease runs out, not a pause before.
				Duration left = Duration.between(now, giveUpAt);
				sleep(pause.compareTo(left) < 0 ? pause : left);
				pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
			}
		}
	}

	void write(long executionId, String what, Runnable write) {
		write(executionId, what, () -> {
			write.run();
			return null;
		});
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new SyncDatabaseUnreachableException("interrupted while waiting for the sync database", e);
		}
	}

}
