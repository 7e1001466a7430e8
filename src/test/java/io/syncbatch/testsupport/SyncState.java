package io.syncbatch.testsupport;

import javax.sql.DataSource;

import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Empties the engine's own state between tests: the job repository, the sync history and
 * the watermarks.
 */
public final class SyncState {

	private final JdbcTemplate jdbc;

	private final JobRepositoryTestUtils jobRepository;

	public SyncState(DataSource syncDataSource, JobRepositoryTestUtils jobRepository) {
		this.jdbc = new JdbcTemplate(syncDataSource);
		this.jobRepository = jobRepository;
	}

	public void clear() {
		jobRepository.removeJobExecutions();
		jdbc.update("DELETE FROM sync_record");
		jdbc.update("DELETE FROM sync_prepared");
		jdbc.update("DELETE FROM sync_pending_create");
		jdbc.update("DELETE FROM sync_conflict");
		jdbc.update("DELETE FROM sync_inbox");
		jdbc.update("DELETE FROM sync_realtime");
		jdbc.update("DELETE FROM sync_watermark");
		jdbc.update("DELETE FROM sync_run_lock");
	}

	/**
	 * As if the process running this execution had been killed a while ago: the job
	 * repository still says STARTED, and the lease of its lock expired a minute ago.
	 */
	public void crashed(long jobExecutionId, String store, String entity) {
		crashed(jobExecutionId, store, entity, -60);
	}

	/**
	 * As if the process running this execution had been killed a moment ago: the job
	 * repository still says STARTED, and the lease of its lock lasts another minute.
	 */
	public void crashedMomentsAgo(long jobExecutionId, String store, String entity) {
		crashed(jobExecutionId, store, entity, 60);
	}

	private void crashed(long jobExecutionId, String store, String entity, int leaseLeftSeconds) {
		jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ?",
				jobExecutionId);
		jdbc.update(
				"INSERT INTO sync_run_lock (store, entity, owner, job_execution_id, acquired_at, lease_expires_at,"
						+ " renewed_at, holder) VALUES (?, ?, 'killed-process', ?, CURRENT_TIMESTAMP,"
						+ " TIMESTAMPADD(SECOND, ?, LOCALTIMESTAMP(3)), TIMESTAMPADD(SECOND, ?, LOCALTIMESTAMP(3)),"
						+ " '4242@crashed-host')",
				store, entity, jobExecutionId, leaseLeftSeconds, leaseLeftSeconds - 60);
	}

	/**
	 * As if a process had been killed between taking a lock and recording its execution,
	 * its lease expired ({@code expired}) or not.
	 */
	public void lockWithoutExecution(String store, String entity, boolean expired) {
		jdbc.update(
				"INSERT INTO sync_run_lock (store, entity, owner, job_execution_id, acquired_at, lease_expires_at,"
						+ " renewed_at, holder) VALUES (?, ?, 'killed-launch', NULL, CURRENT_TIMESTAMP,"
						+ " TIMESTAMPADD(SECOND, ?, LOCALTIMESTAMP(3)), LOCALTIMESTAMP(3), '4242@crashed-host')",
				store, entity, expired ? -1 : 60);
	}

	/** As if every lock's process had stopped renewing its lease a while ago. */
	public void expireLeases() {
		jdbc.update("UPDATE sync_run_lock SET lease_expires_at = TIMESTAMPADD(SECOND, -1, LOCALTIMESTAMP(3))");
	}

	/**
	 * When the lock of this store/entity was last renewed, in the sync database's time.
	 */
	public java.time.LocalDateTime leaseRenewedAt(String store, String entity) {
		return jdbc.queryForObject("SELECT renewed_at FROM sync_run_lock WHERE store = ? AND entity = ?",
				java.time.LocalDateTime.class, store, entity);
	}

	public long runLocks() {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM sync_run_lock", Long.class);
		return count == null ? 0 : count;
	}

	/**
	 * As if every process had been killed after the store accepted its records but before
	 * the chunk committed: the store has them, the records still wait as prepared, and
	 * the history knows no store id.
	 */
	public void storeIdsLost(String store) {
		jdbc.update("INSERT INTO sync_prepared (scope_id, source_key, fingerprint, changed_at)"
				+ " SELECT s.id, r.erp_id, r.erp_hash, TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', r.changed_at)"
				+ " FROM sync_record r JOIN sync_scope s ON s.store = r.store AND s.entity = r.entity"
				+ " AND s.direction = 'export' WHERE r.store = ? AND r.status = 'PROCESSED'", store);
		jdbc.update("DELETE FROM sync_record WHERE store = ? AND status = 'PROCESSED'", store);
	}

	public long jobInstanceCount() {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Long.class);
		return count == null ? 0 : count;
	}

	public long lastJobExecutionId() {
		Long id = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
		return id == null ? 0 : id;
	}

	public long jobExecutionCount() {
		Long count = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
		return count == null ? 0 : count;
	}

}
