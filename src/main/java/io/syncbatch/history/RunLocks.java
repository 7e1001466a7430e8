package io.syncbatch.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.syncbatch.definition.SyncDirection;

/**
 * Never two runs of one store/entity at once, in either direction (an export and an
 * import of one entity write the same bindings), whichever process launches them: the
 * primary key of {@code sync_run_lock} decides. A lock is released when its job ends; one
 * whose execution no longer runs (it failed, or an operator recovered a crashed one) is
 * taken over. A crashed execution is still STARTED in the job repository, so its lock
 * holds until an operator recovers it: restarting it twice would be worse.
 */
@Repository
public class RunLocks {

	/**
	 * Between taking the lock and the job recording its execution; a lock unbound for
	 * longer is abandoned.
	 */
	private static final Duration BINDING_GRACE = Duration.ofMinutes(10);

	private final JdbcTemplate jdbc;

	public RunLocks(DataSource syncDataSource) {
		this.jdbc = new JdbcTemplate(syncDataSource);
	}

	/**
	 * @return the owner token, for {@link #releaseUnbound} if the launch fails before the
	 * job starts
	 * @throws RunRefusedException when another run holds the lock
	 */
	public String acquire(String store, String entity, SyncDirection direction, Instant now) {
		String owner = UUID.randomUUID().toString();
		try {
			jdbc.update(
					"INSERT INTO sync_run_lock (store, entity, direction, owner, job_execution_id, acquired_at)"
							+ " VALUES (?, ?, ?, ?, NULL, ?)",
					store, entity, direction.label(), owner, ChangeTime.timestamp(now));
			return owner;
		}
		catch (DuplicateKeyException held) {
			Holder holder = holder(store, entity).orElse(null);
			if (holder != null && !holder.running(now)) {
				// Compare-and-set on the old owner: of two processes taking over at once,
				// one wins.
				int taken = jdbc.update(
						"UPDATE sync_run_lock SET owner = ?, direction = ?, job_execution_id = NULL,"
								+ " acquired_at = ? WHERE store = ? AND entity = ? AND owner = ?",
						owner, direction.label(), ChangeTime.timestamp(now), store, entity, holder.owner());
				if (taken == 1) {
					return owner;
				}
			}
			throw new RunRefusedException(refusal(store, entity, holder(store, entity).orElse(holder)));
		}
	}

	/** The job started: the lock taken for it now follows its execution. */
	public void bind(String store, String entity, long jobExecutionId) {
		jdbc.update("UPDATE sync_run_lock SET job_execution_id = ? WHERE store = ? AND entity = ?"
				+ " AND job_execution_id IS NULL", jobExecutionId, store, entity);
	}

	/** The job ended, whatever its status. */
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

	private Optional<Holder> holder(String store, String entity) {
		List<Holder> holders = jdbc.query("SELECT l.owner, l.job_execution_id, l.acquired_at, e.STATUS, l.direction"
				+ " FROM sync_run_lock l LEFT JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = l.job_execution_id"
				+ " WHERE l.store = ? AND l.entity = ?",
				(rs, n) -> new Holder(rs.getString(1), rs.getObject(2, Long.class),
						Objects.requireNonNull(ChangeTime.instant(rs.getTimestamp(3))), rs.getString(4),
						rs.getString(5)),
				store, entity);
		return holders.stream().findFirst();
	}

	private static String refusal(String store, String entity, @Nullable Holder holder) {
		String by = holder == null || holder.jobExecutionId() == null ? "another launch that is starting" : "execution "
				+ holder.jobExecutionId() + " of " + entity + "-" + holder.direction() + " (" + holder.status() + ")";
		String hint = holder != null && "STARTED".equals(holder.status())
				? "; if its process died, run: recover " + holder.jobExecutionId() : "";
		return entity + " on store " + store + " is already being synced by " + by + "; this launch was refused" + hint;
	}

	private record Holder(String owner, @Nullable Long jobExecutionId, Instant acquiredAt, @Nullable String status,
			String direction) {

		boolean running(Instant now) {
			if (jobExecutionId == null) {
				return acquiredAt.plus(BINDING_GRACE).isAfter(now);
			}
			return "STARTING".equals(status) || "STARTED".equals(status) || "STOPPING".equals(status);
		}
	}

}
