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
    }

    public long jobExecutionCount() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
        return count == null ? 0 : count;
    }
}
