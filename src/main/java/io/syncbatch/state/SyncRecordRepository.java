package io.syncbatch.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import io.syncbatch.source.ErpRow;

/**
 * The sync history table. Every write here runs inside the caller's chunk transaction, so a record's status
 * moves together with the step's checkpoint: a killed process leaves either both or neither.
 */
@Repository
public class SyncRecordRepository {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final boolean mySql;

    public SyncRecordRepository(DataSource syncDataSource) {
        this.jdbc = new JdbcTemplate(syncDataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
        // Connector/J, the only MySQL driver here, calls MariaDB "MySQL" too.
        this.mySql = "MySQL".equals(jdbc.execute((ConnectionCallback<String>) connection -> connection.getMetaData()
                .getDatabaseProductName()));
    }

    /** The fingerprints last prepared for these ERP ids; ids never seen before are absent. */
    public Map<String, String> hashesOf(String store, String entity, Collection<String> erpIds) {
        Map<String, String> hashes = new HashMap<>();
        if (erpIds.isEmpty()) {
            return hashes;
        }
        named.query("SELECT erp_id, source_hash FROM sync_record"
                + " WHERE store = :store AND entity = :entity AND erp_id IN (:ids)",
                new MapSqlParameterSource("store", store).addValue("entity", entity).addValue("ids", erpIds),
                rs -> {
                    hashes.put(rs.getString(1), rs.getString(2));
                });
        return hashes;
    }

    /**
     * Marks new and changed records PREPARED, in one multi-row statement: new ones are inserted, and a changed
     * one starts over with a fresh attempt count, whatever its status was.
     */
    public void prepare(String store, String entity, List<ErpRow> rows, Instant now, long executionId,
            long instanceId) {
        Timestamp at = timestamp(now);
        jdbc.batchUpdate("INSERT INTO sync_record (store, entity, erp_id, erp_description, status, source_hash,"
                + " attempts, prepared_at, job_execution_id, prepared_instance_id, changed_at)"
                + " VALUES (?, ?, ?, ?, 'PREPARED', ?, 0, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE status = 'PREPARED',"
                + " source_hash = VALUES(source_hash), erp_description = VALUES(erp_description), attempts = 0,"
                + " last_error = NULL, prepared_at = VALUES(prepared_at), job_execution_id = VALUES(job_execution_id),"
                + " prepared_instance_id = VALUES(prepared_instance_id), changed_at = VALUES(changed_at)",
                rows, rows.size(), (ps, row) -> {
                    ps.setString(1, store);
                    ps.setString(2, entity);
                    ps.setString(3, row.key());
                    ps.setString(4, truncate(row.description(), 255));
                    ps.setString(5, row.hash());
                    ps.setTimestamp(6, at);
                    ps.setLong(7, executionId);
                    ps.setLong(8, instanceId);
                    ps.setTimestamp(9, changedAt(row));
                });
    }

    /** Where a page of the backlog ends: the next page starts after it, oldest change first. */
    public record BacklogPosition(LocalDateTime changedAt, String erpId) {

        public static final BacklogPosition START = new BacklogPosition(LocalDateTime.of(1000, 1, 1, 0, 0), "");

        public static BacklogPosition after(SyncRecord record) {
            return new BacklogPosition(record.changedAt(), record.erpId());
        }
    }

    /**
     * The next page of work for the process step: PREPARED and HELD records, and FAILED ones that have attempts
     * left, oldest change first (then by ERP id), after {@code after}.
     */
    public List<SyncRecord> backlog(String store, String entity, BacklogSlice slice, BacklogPosition after,
            int limit, int maxAttempts) {
        MapSqlParameterSource params = slice.bind(keyset(store, entity, after).addValue("max", maxAttempts));
        // A UNION of index range scans instead of one OR, so each part walks sync_record_backlog in order. Each
        // part has its own LIMIT: without it the server materialises every waiting record for every page. The
        // slice's condition is on the id, which every entry of that index carries, so it filters in the index.
        String page = " ORDER BY changed_at, erp_id LIMIT " + Math.max(1, limit);
        String waiting = "SELECT * FROM sync_record WHERE store = :store AND entity = :entity" + slice.condition();
        String sql = "SELECT * FROM ((" + waiting + " AND status = 'PREPARED' AND " + AFTER + page + ")"
                + " UNION ALL (" + waiting + " AND status = 'HELD' AND " + AFTER + page + ")"
                + " UNION ALL (" + waiting + " AND status = 'FAILED' AND attempts < :max AND " + AFTER + page
                + ")) backlog" + page;
        return named.query(sql, params, SyncRecordRepository::map);
    }

    /** The next page of a selective run's work: what its job instance prepared and has not processed yet. */
    public List<SyncRecord> preparedBy(String store, String entity, long instanceId, BacklogSlice slice,
            BacklogPosition after, int limit) {
        return named.query("SELECT * FROM sync_record WHERE store = :store AND entity = :entity"
                + slice.condition() + " AND status = 'PREPARED' AND prepared_instance_id = :instance AND " + AFTER
                + " ORDER BY changed_at, erp_id LIMIT " + Math.max(1, limit),
                slice.bind(keyset(store, entity, after).addValue("instance", instanceId)),
                SyncRecordRepository::map);
    }

    /** The next page of HELD records, for another pass once records of the same entity they wait for went out. */
    public List<SyncRecord> held(String store, String entity, BacklogPosition after, int limit) {
        return named.query("SELECT * FROM sync_record WHERE store = :store AND entity = :entity"
                + " AND status = 'HELD' AND " + AFTER + " ORDER BY changed_at, erp_id LIMIT " + Math.max(1, limit),
                keyset(store, entity, after), SyncRecordRepository::map);
    }

    /** How many records each store and entity has in each of these statuses; combinations with none are absent. */
    public List<StatusCount> countByStatus(Collection<SyncStatus> statuses) {
        return named.query("SELECT store, entity, status, COUNT(*) FROM sync_record WHERE status IN (:statuses)"
                + " GROUP BY store, entity, status",
                new MapSqlParameterSource("statuses", statuses.stream().map(SyncStatus::name).toList()),
                (rs, n) -> new StatusCount(rs.getString(1), rs.getString(2), SyncStatus.valueOf(rs.getString(3)),
                        rs.getLong(4)));
    }

    public record StatusCount(String store, String entity, SyncStatus status, long count) {
    }

    public int countHeld(String store, String entity) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM sync_record WHERE store = ? AND entity = ?"
                + " AND status = 'HELD'", Integer.class, store, entity);
        return count == null ? 0 : count;
    }

    private static final String AFTER = "(changed_at > :afterAt OR (changed_at = :afterAt AND erp_id > :afterId))";

    private static MapSqlParameterSource keyset(String store, String entity, BacklogPosition after) {
        return new MapSqlParameterSource("store", store).addValue("entity", entity)
                .addValue("afterAt", Timestamp.valueOf(after.changedAt())).addValue("afterId", after.erpId());
    }

    private static Timestamp changedAt(ErpRow row) {
        return Timestamp.valueOf(row.changedAt() == null ? BacklogPosition.START.changedAt() : row.changedAt());
    }

    /** The sync records of these ERP ids, for showing next to what a filter selects. */
    public Map<String, SyncRecord> byErpIds(String store, String entity, Collection<String> erpIds) {
        Map<String, SyncRecord> found = new HashMap<>();
        if (!erpIds.isEmpty()) {
            named.query("SELECT * FROM sync_record WHERE store = :store AND entity = :entity AND erp_id IN (:ids)",
                    new MapSqlParameterSource("store", store).addValue("entity", entity).addValue("ids", erpIds),
                    (ResultSet rs) -> {
                        SyncRecord record = map(rs, 0);
                        found.put(record.erpId(), record);
                    });
        }
        return found;
    }

    /**
     * Writes the outcome of one process attempt. A failure that uses up the last allowed attempt becomes
     * ABORTED, which the process step leaves alone until an operator retries it.
     */
    public void saveOutcomes(String store, String entity, List<SyncOutcome> outcomes, int maxAttempts, Instant now,
            long executionId) {
        Timestamp at = timestamp(now);
        if (mySql) {
            saveOutcomesAsUpsert(store, entity, outcomes, maxAttempts, at, executionId);
            return;
        }
        // status is assigned before attempts: MySQL evaluates SET left to right with already-updated values.
        jdbc.batchUpdate("UPDATE sync_record SET"
                + " status = CASE WHEN ? = 'FAILED' AND attempts + 1 >= ? THEN 'ABORTED' ELSE ? END,"
                + " attempts = CASE WHEN ? = 'FAILED' THEN attempts + 1 ELSE 0 END,"
                + " external_id = COALESCE(?, external_id), last_operation = COALESCE(?, last_operation),"
                + " source_hash = ?, erp_description = COALESCE(?, erp_description), last_error = ?,"
                + " last_attempt_at = ?, job_execution_id = ?"
                + " WHERE store = ? AND entity = ? AND erp_id = ?", outcomes, outcomes.size(), (ps, outcome) -> {
                    String status = outcome.status().name();
                    ps.setString(1, status);
                    ps.setInt(2, maxAttempts);
                    ps.setString(3, status);
                    ps.setString(4, status);
                    ps.setString(5, outcome.externalId());
                    ps.setString(6, outcome.lastOperation() == null ? null : outcome.lastOperation().name());
                    ps.setString(7, outcome.sourceHash());
                    ps.setString(8, truncate(outcome.erpDescription(), 255));
                    ps.setString(9, truncate(outcome.reason(), 2000));
                    ps.setTimestamp(10, at);
                    ps.setLong(11, executionId);
                    ps.setString(12, store);
                    ps.setString(13, entity);
                    ps.setString(14, outcome.erpId());
                });
    }

    /**
     * The same as the UPDATEs above in one multi-row statement, about three times faster on MySQL and MariaDB (H2
     * cannot read VALUES() inside an expression). Every record exists, since prepare made it and nothing deletes
     * one, so the insert always turns into the update. Connector/J rewrites a batch into one statement only when
     * the update clause has no placeholders, so the (integer) maximum is written out. The assignments are
     * evaluated left to right with updated values: status comes before attempts.
     */
    private void saveOutcomesAsUpsert(String store, String entity, List<SyncOutcome> outcomes, int maxAttempts,
            Timestamp at, long executionId) {
        jdbc.batchUpdate("INSERT INTO sync_record (store, entity, erp_id, status, source_hash, external_id,"
                + " last_operation, erp_description, last_error, last_attempt_at, job_execution_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                + " status = CASE WHEN VALUES(status) = 'FAILED' AND sync_record.attempts + 1 >= " + maxAttempts
                + " THEN 'ABORTED' ELSE VALUES(status) END,"
                + " attempts = CASE WHEN VALUES(status) = 'FAILED' THEN sync_record.attempts + 1 ELSE 0 END,"
                + " external_id = COALESCE(VALUES(external_id), sync_record.external_id),"
                + " last_operation = COALESCE(VALUES(last_operation), sync_record.last_operation),"
                + " source_hash = VALUES(source_hash),"
                + " erp_description = COALESCE(VALUES(erp_description), sync_record.erp_description),"
                + " last_error = VALUES(last_error), last_attempt_at = VALUES(last_attempt_at),"
                + " job_execution_id = VALUES(job_execution_id)", outcomes, outcomes.size(), (ps, outcome) -> {
                    ps.setString(1, store);
                    ps.setString(2, entity);
                    ps.setString(3, outcome.erpId());
                    ps.setString(4, outcome.status().name());
                    ps.setString(5, outcome.sourceHash());
                    ps.setString(6, outcome.externalId());
                    ps.setString(7, outcome.lastOperation() == null ? null : outcome.lastOperation().name());
                    ps.setString(8, truncate(outcome.erpDescription(), 255));
                    ps.setString(9, truncate(outcome.reason(), 2000));
                    ps.setTimestamp(10, at);
                    ps.setLong(11, executionId);
                });
    }

    /**
     * Sync refresh: the records are PREPARED again with a fresh attempt count and processed by the next run,
     * whatever their status. Returns the ERP ids that have no sync record, which the caller reports.
     */
    public List<String> prepareAgain(String store, String entity, Collection<String> erpIds, Instant now) {
        return setStatus(store, entity, erpIds, SyncStatus.PREPARED, null, now);
    }

    /** Every FAILED or ABORTED record of the entity, PREPARED again; returns how many. */
    public int prepareAgainAllFailed(String store, String entity, Instant now) {
        return jdbc.update("UPDATE sync_record SET status = 'PREPARED', attempts = 0, last_error = NULL,"
                + " prepared_at = ? WHERE store = ? AND entity = ? AND status IN ('FAILED', 'ABORTED')",
                timestamp(now), store, entity);
    }

    /** The operator's abort: left alone by every run until it is retried. Returns the unknown ERP ids. */
    public List<String> abort(String store, String entity, Collection<String> erpIds, String reason, Instant now) {
        return setStatus(store, entity, erpIds, SyncStatus.ABORTED, reason, now);
    }

    private List<String> setStatus(String store, String entity, Collection<String> erpIds, SyncStatus status,
            String reason, Instant now) {
        List<String> unknown = new ArrayList<>();
        for (String erpId : erpIds) {
            int updated = jdbc.update("UPDATE sync_record SET status = ?, attempts = 0, last_error = ?,"
                    + " prepared_at = ? WHERE store = ? AND entity = ? AND erp_id = ?", status.name(), reason,
                    timestamp(now), store, entity, erpId);
            if (updated == 0) {
                unknown.add(erpId);
            }
        }
        return unknown;
    }

    public List<SyncRecord> history(String store, String entity, SyncStatus status) {
        MapSqlParameterSource params = new MapSqlParameterSource("store", store).addValue("entity", entity);
        String sql = "SELECT * FROM sync_record WHERE store = :store AND entity = :entity";
        if (status != null) {
            sql += " AND status = :status";
            params.addValue("status", status.name());
        }
        return named.query(sql + " ORDER BY erp_id", params, SyncRecordRepository::map);
    }

    private static SyncRecord map(ResultSet rs, int rowNum) throws SQLException {
        String operation = rs.getString("last_operation");
        return new SyncRecord(rs.getString("store"), rs.getString("entity"), rs.getString("erp_id"),
                rs.getString("erp_description"), rs.getString("external_id"),
                SyncStatus.valueOf(rs.getString("status")),
                operation == null ? null : LastOperation.valueOf(operation), rs.getString("source_hash"),
                rs.getInt("attempts"), rs.getString("last_error"), instant(rs.getTimestamp("prepared_at")),
                instant(rs.getTimestamp("last_attempt_at")),
                rs.getObject("job_execution_id", Long.class), rs.getTimestamp("changed_at").toLocalDateTime());
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
