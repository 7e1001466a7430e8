package io.syncbatch.history;

import java.lang.management.ManagementFactory;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.syncbatch.definition.SyncDirection;

/**
 * Never two runs of one store/entity at once, in either direction (an export and an
 * import of one entity write the same bindings), whichever process launches them: the
 * primary key of {@code sync_run_lock} decides. A lock is released when its job ends; one
 * whose execution no longer runs (it failed, or it was recovered) is taken over.
 * <p>
 * Every lock carries a lease that the process holding it renews while it runs. Lease
 * times are the sync database's clock ({@code LOCALTIMESTAMP}), never a host's, so that
 * processes on hosts whose clocks disagree judge a lease alike. A lock whose lease
 * expired belongs to a process that died; it is taken over once its execution has been
 * recovered ({@link #expired}, {@link #claim}).
 */
@Repository
public class RunLocks {

	private static final String LEASE_UNTIL = "TIMESTAMPADD(MICROSECOND, ?, LOCALTIMESTAMP(3))";

	private static final String EXPIRED = "(l.lease_expires_at IS NULL OR l.lease_expires_at <= LOCALTIMESTAMP(3))";

	private final JdbcTemplate jdbc;

	/** This process as lock holders are named in messages: pid@host. */
	private final String process = ManagementFactory.getRuntimeMXBean().getName();

	public RunLocks(DataSource syncDataSource) {
		this.jdbc = new JdbcTemplate(syncDataSource);
	}

	/**
	 * @param lease how long the lock stays this process's without a renewal
	 * @return the owner token, to {@link #renew} the lease and for
	 * {@link #releaseUnbound} if the launch fails before the job starts
	 * @throws RunRefusedException when another run holds the lock
	 */
	public String acquire(String store, String entity, SyncDirection direction, Instant now, Duration lease) {
		for (int attempt = 1;; attempt++) {
			try {
				return tryAcquire(store, entity, direction, now, lease);
			}
			catch (PessimisticLockingFailureException deadlock) {
				// InnoDB may pick one of several inserts of the same key, waiting on a
				// row
				// lock, as a deadlock victim; its statement was rolled back, and asking
				// again sees the lock its winner took.
				if (attempt == 3) {
					throw deadlock;
				}
			}
		}
	}

	private String tryAcquire(String store, String entity, SyncDirection direction, Instant now, Duration lease) {
		String owner = UUID.randomUUID().toString();
		try {
			jdbc.update(
					"INSERT INTO sync_run_lock (store, entity, direction, owner, job_execution_id, acquired_at,"
							+ " lease_expires_at, renewed_at, holder) VALUES (?, ?, ?, ?, NULL, ?, " + LEASE_UNTIL
							+ ", LOCALTIMESTAMP(3), ?)",
					store, entity, direction.label(), owner, ChangeTime.timestamp(now), micros(lease), process);
			return owner;
		}
		catch (DuplicateKeyException held) {
			Holder holder = holder(store, entity).orElse(null);
			if (holder != null && holder.mayBeTakenOver()) {
				// Compare-and-set on the old owner: of two processes taking over at once,
				// one wins.
				int taken = jdbc.update("UPDATE sync_run_lock SET owner = ?, direction = ?, job_execution_id = NULL,"
						+ " acquired_at = ?, lease_expires_at = " + LEASE_UNTIL + ", renewed_at = LOCALTIMESTAMP(3),"
						+ " holder = ? WHERE store = ? AND entity = ? AND owner = ?", owner, direction.label(),
						ChangeTime.timestamp(now), micros(lease), process, store, entity, holder.owner());
				if (taken == 1) {
					return owner;
				}
			}
			throw new RunRefusedException(refusal(store, entity, holder(store, entity).orElse(holder)));
		}
	}

	/**
	 * Extends the lease of the lock this owner holds, also one that expired while nobody
	 * took it over: a live run that could not renew in time (a long pause, the sync
	 * database away) keeps its lock unless another process recovered it meanwhile.
	 * @return false when it holds none any more: the job ended and released it, or the
	 * lease expired and another process took it over
	 */
	public boolean renew(String owner, Duration lease) {
		return jdbc.update("UPDATE sync_run_lock SET lease_expires_at = " + LEASE_UNTIL
				+ ", renewed_at = LOCALTIMESTAMP(3) WHERE owner = ?", micros(lease), owner) == 1;
	}

	/** The execution the lock this owner holds is bound to, if it holds one that is. */
	public Optional<Long> boundExecution(String owner) {
		return jdbc
			.queryForList("SELECT job_execution_id FROM sync_run_lock WHERE owner = ? AND job_execution_id IS NOT NULL",
					Long.class, owner)
			.stream()
			.findFirst();
	}

	/** The job started: the lock taken for it now follows its execution. */
	public void bind(String store, String entity, long jobExecutionId) {
		jdbc.update("UPDATE sync_run_lock SET job_execution_id = ? WHERE store = ? AND entity = ?"
				+ " AND job_execution_id IS NULL", jobExecutionId, store, entity);
	}

	/** The job ended, whatever its status, or it was recovered. */
	public void release(String store, String entity, long jobExecutionId) {
		jdbc.update("DELETE FROM sync_run_lock WHERE store = ? AND entity = ? AND job_execution_id = ?", store, entity,
				jobExecutionId);
	}

	/**
	 * The launch failed before the job started, so nothing else will release the lock.
	 */
	public void releaseUnbound(String owner) {
		jdbc.update("DELETE FROM sync_run_lock WHERE owner = ? AND job_execution_id IS NULL", owner);
	}

	/** A lock this owner holds, whatever it is bound to. */
	public void releaseOwned(String owner) {
		jdbc.update("DELETE FROM sync_run_lock WHERE owner = ?", owner);
	}

	/**
	 * The locks of one store/entity, or of all when both are null, whose lease has
	 * expired.
	 */
	public List<ExpiredLock> expired(@Nullable String store, @Nullable String entity) {
		String where = store == null ? "" : " AND l.store = ? AND l.entity = ?";
		Object[] arguments = store == null ? new Object[0] : new Object[] { store, entity };
		return jdbc.query(
				"SELECT l.store, l.entity, l.owner, l.job_execution_id, l.renewed_at, l.holder"
						+ " FROM sync_run_lock l WHERE " + EXPIRED + where,
				(rs, n) -> new ExpiredLock(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getObject(4, Long.class), localTime(rs.getTimestamp(5)), rs.getString(6)),
				arguments);
	}

	/**
	 * Takes over an expired lock, keeping its execution, so that this process can recover
	 * that execution before it frees the lock. If this process dies meanwhile, its own
	 * lease expires and the next one recovers it.
	 * @return the new owner token, or empty when the lease was renewed or another process
	 * claimed it first
	 */
	public Optional<String> claim(ExpiredLock lock, Duration lease) {
		String owner = UUID.randomUUID().toString();
		int claimed = jdbc.update("UPDATE sync_run_lock l SET owner = ?, lease_expires_at = " + LEASE_UNTIL
				+ ", renewed_at = LOCALTIMESTAMP(3), holder = ? WHERE l.store = ? AND l.entity = ? AND l.owner = ? AND "
				+ EXPIRED, owner, micros(lease), process, lock.store(), lock.entity(), lock.owner());
		return claimed == 1 ? Optional.of(owner) : Optional.empty();
	}

	/** The lease of the lock bound to this execution, while it has not expired. */
	public Optional<Lease> liveLease(long jobExecutionId) {
		return jdbc
			.query("SELECT l.holder, l.renewed_at, TIMESTAMPDIFF(MICROSECOND, LOCALTIMESTAMP(3), l.lease_expires_at)"
					+ " FROM sync_run_lock l WHERE l.job_execution_id = ? AND NOT " + EXPIRED,
					(rs, n) -> new Lease(holderName(rs.getString(1)), localTime(rs.getTimestamp(2)),
							Duration.ofNanos(rs.getLong(3) * 1000)),
					jobExecutionId)
			.stream()
			.findFirst();
	}

	/** The lock bound to this execution, live or not. */
	public Optional<ExpiredLock> boundTo(long jobExecutionId) {
		return jdbc
			.query("SELECT l.store, l.entity, l.owner, l.job_execution_id, l.renewed_at, l.holder"
					+ " FROM sync_run_lock l WHERE l.job_execution_id = ?",
					(rs, n) -> new ExpiredLock(rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getObject(4, Long.class), localTime(rs.getTimestamp(5)), rs.getString(6)),
					jobExecutionId)
			.stream()
			.findFirst();
	}

	private Optional<Holder> holder(String store, String entity) {
		List<Holder> holders = jdbc.query("SELECT l.owner, l.job_execution_id, e.STATUS, l.direction, l.holder,"
				+ " TIMESTAMPDIFF(MICROSECOND, l.renewed_at, LOCALTIMESTAMP(3)),"
				+ " TIMESTAMPDIFF(MICROSECOND, LOCALTIMESTAMP(3), l.lease_expires_at)"
				+ " FROM sync_run_lock l LEFT JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = l.job_execution_id"
				+ " WHERE l.store = ? AND l.entity = ?", this::holder, store, entity);
		return holders.stream().findFirst();
	}

	private Holder holder(ResultSet rs, int row) throws SQLException {
		Long renewedAgo = rs.getObject(6, Long.class);
		Long leftMicros = rs.getObject(7, Long.class);
		return new Holder(rs.getString(1), rs.getObject(2, Long.class), rs.getString(3), rs.getString(4),
				holderName(rs.getString(5)), renewedAgo == null ? null : Duration.ofNanos(renewedAgo * 1000),
				leftMicros == null ? Duration.ZERO : Duration.ofNanos(leftMicros * 1000));
	}

	private static String refusal(String store, String entity, @Nullable Holder holder) {
		String refused = entity + " on store " + store + " is already being synced by ";
		if (holder == null) {
			return refused + "another launch; this launch was refused";
		}
		if (holder.jobExecutionId() == null) {
			return refused + "another launch that is starting (process " + holder.process()
					+ "); this launch was refused; if that process died, the lock is freed when its lease expires in "
					+ seconds(holder.leaseLeft());
		}
		String by = refused + "execution " + holder.jobExecutionId() + " of " + entity + "-" + holder.direction() + " ("
				+ holder.status() + "); this launch was refused";
		if (!holder.executionRunning()) {
			return by;
		}
		if (holder.leaseLive()) {
			return by + "; its process (" + holder.process() + ") renewed its lease "
					+ (holder.renewedAgo() == null ? "" : seconds(holder.renewedAgo()) + " ago")
					+ "; if that process died, the first launch after the lease expires (in "
					+ seconds(holder.leaseLeft()) + ") recovers it";
		}
		return by + "; its process stopped renewing its lease; run: recover " + holder.jobExecutionId();
	}

	private static String seconds(Duration duration) {
		return Math.max(0, (duration.toMillis() + 999) / 1000) + " s";
	}

	private static String holderName(@Nullable String holder) {
		return holder == null ? "unknown" : holder;
	}

	private static @Nullable LocalDateTime localTime(@Nullable Timestamp time) {
		return time == null ? null : time.toLocalDateTime();
	}

	private static long micros(Duration duration) {
		return duration.toNanos() / 1000;
	}

	/**
	 * A lock as it is while its lease is expired.
	 *
	 * @param renewedAt when its lease was last renewed, in the sync database's time;
	 * {@code null} for a lock taken before leases existed
	 * @param holder the process that held it, pid@host
	 */
	public record ExpiredLock(String store, String entity, String owner, @Nullable Long jobExecutionId,
			@Nullable LocalDateTime renewedAt, @Nullable String holder) {
	}

	/**
	 * A live lease.
	 *
	 * @param renewedAt in the sync database's time
	 * @param left until it expires
	 */
	public record Lease(String holder, @Nullable LocalDateTime renewedAt, Duration left) {
	}

	private record Holder(String owner, @Nullable Long jobExecutionId, @Nullable String status, String direction,
			String process, @Nullable Duration renewedAgo, Duration leaseLeft) {

		boolean leaseLive() {
			return !leaseLeft.isNegative() && !leaseLeft.isZero();
		}

		boolean executionRunning() {
			return "STARTING".equals(status) || "STARTED".equals(status) || "STOPPING".equals(status);
		}

		/**
		 * An execution still marked running with an expired lease is recovered first (by
		 * the job layer), so that it can be restarted; until then its lock holds.
		 */
		boolean mayBeTakenOver() {
			if (jobExecutionId == null) {
				return !leaseLive();
			}
			return !executionRunning();
		}
	}

}
