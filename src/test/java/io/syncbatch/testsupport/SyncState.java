package io.syncbatch.testsupport;

import javax.sql.DataSource;

import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.jdbc.core.JdbcTemplate;

/** Empties the engine's own state between tests: the job repository, the sync history and the watermarks. */
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
        jdbc.update("DELETE FROM sync_watermark");
        jdbc.update("DELETE FROM sync_run_lock");
    }

    /** As if the process running this execution had been killed: the job repository still says STARTED. */
    public void crashed(long jobExecutionId, String store, String entity) {
        jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = ?",
                jobExecutionId);
        jdbc.update("INSERT INTO sync_run_lock (store, entity, owner, job_execution_id, acquired_at)"
                + " VALUES (?, ?, 'killed-process', ?, CURRENT_TIMESTAMP)", store, entity, jobExecutionId);
    }

    /**
     * As if every process had been killed after the store accepted its records but before the chunk committed:
     * the store has them, the sync history still says PREPARED and knows no store id.
     */
    public void storeIdsLost(String store) {
        jdbc.update("UPDATE sync_record SET status = 'PREPARED', external_id = NULL, last_operation = NULL,"
                + " attempts = 0 WHERE store = ? AND status = 'PROCESSED'", store);
    }

    public long jobExecutionCount() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
        return count == null ? 0 : count;
    }
}
