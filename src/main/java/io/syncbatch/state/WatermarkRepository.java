package io.syncbatch.state;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Where each store/entity's next incremental prepare starts reading the ERP. */
@Repository
public class WatermarkRepository {

    private final JdbcTemplate jdbc;

    public WatermarkRepository(DataSource syncDataSource) {
        this.jdbc = new JdbcTemplate(syncDataSource);
    }

    public Optional<LocalDateTime> changedSince(String store, String entity) {
        return jdbc.query("SELECT changed_since FROM sync_watermark WHERE store = ? AND entity = ?",
                (rs, n) -> rs.getTimestamp(1).toLocalDateTime(), store, entity).stream().findFirst();
    }

    /** Never moves backwards, so an older execution restarted late cannot undo a newer one's progress. */
    public void advance(String store, String entity, LocalDateTime changedSince, long executionId, Instant now) {
        int updated = jdbc.update("UPDATE sync_watermark SET changed_since = ?, job_execution_id = ?, updated_at = ?"
                + " WHERE store = ? AND entity = ? AND changed_since < ?", Timestamp.valueOf(changedSince),
                executionId, SyncRecordRepository.timestamp(now), store, entity,
                Timestamp.valueOf(changedSince));
        if (updated == 0 && changedSince(store, entity).isEmpty()) {
            jdbc.update("INSERT INTO sync_watermark (store, entity, changed_since, job_execution_id, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?)", store, entity, Timestamp.valueOf(changedSince),
                    executionId, SyncRecordRepository.timestamp(now));
        }
    }
}
