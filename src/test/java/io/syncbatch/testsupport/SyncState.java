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
		jdbc.update("DELETE FROM sync_watermark");
		jdbc.update("DELETE FROM sync_run_lock");
	}

	/**
	 * As if the process running this execution had been killed: the job repository still
	 * says STARTED.
	 */
	public void crashed(long jobExecutionId, String store, String entity) {
		jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ?",
				jobExecutionId);
		jdbc.update("INSERT INTO sync_run_lock (store, entity, owner, job_execution_id, acquired_at)"
				+ " VALUES (?, ?, 'killed-process', ?, CURRENT_TIMESTAMP)", store, entity, jobExecutionId);
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
