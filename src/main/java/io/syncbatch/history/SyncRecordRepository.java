package io.syncbatch.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import io.syncbatch.definition.SyncDirection;
import io.syncbatch.secrets.Secrets;

/**
 * The sync history: one binding per ERP record and store record of a store and entity,
 * written when a record is processed (or by an operator), never by prepare. What waits to
 * be processed is in {@link PreparedRecords}; the history shows such a record as
 * PREPARED. Every write runs inside the caller's chunk transaction, so a record's status
 * moves together with the step's checkpoint: a killed process leaves either both or
 * neither.
 */
@Repository
public class SyncRecordRepository {

	private static final String NO_FINGERPRINT = "0".repeat(32);

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final SyncScopes scopes;

	private final PreparedRecords prepared;

	private final boolean mySql;

	private final Secrets secrets;

	public SyncRecordRepository(DataSource syncDataSource, SyncScopes scopes, PreparedRecords prepared,
			Secrets secrets) {
		this.jdbc = new JdbcTemplate(syncDataSource);
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.scopes = scopes;
		this.prepared = prepared;
		this.secrets = secrets;
		// Connector/J, the only MySQL driver here, calls MariaDB "MySQL" too.
		this.mySql = "MySQL".equals(jdbc
			.execute((ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName()));
	}

	/**
	 * The fingerprint each of these ERP ids is known by: the one waiting for it when it
	 * waits as prepared, otherwise the one it was last synced with; ids never seen are
	 * absent. One round trip for both.
	 */
	public Map<String, String> knownFingerprints(String store, String entity, SyncDirection direction,
			Collection<String> erpIds) {
		Map<String, String> synced = new HashMap<>();
		Map<String, String> waiting = new HashMap<>();
		if (!erpIds.isEmpty()) {
			named.query("SELECT 'w', source_key, fingerprint FROM sync_prepared WHERE scope_id = :scope"
					+ " AND source_key IN (:ids) UNION ALL SELECT 's', erp_id, erp_hash FROM sync_record"
					+ " WHERE store = :store AND entity = :entity AND erp_id IN (:ids) AND erp_hash IS NOT NULL",
					ids(store, entity, erpIds).addValue("scope", scopes.id(store, entity, direction)), rs -> {
						(rs.getString(1).equals("w") ? waiting : synced).put(rs.getString(2), rs.getString(3));
					});
		}
		synced.putAll(waiting);
		return synced;
	}

	/** The bindings of these ERP ids. */
	public Map<String, SyncRecord> byErpIds(String store, String entity, Collection<String> erpIds) {
		Map<String, SyncRecord> found = new HashMap<>();
		if (!erpIds.isEmpty()) {
			named.query("SELECT * FROM sync_record WHERE store = :store AND entity = :entity AND erp_id IN (:ids)",
					ids(store, entity, erpIds), (ResultSet rs) -> {
						SyncRecord record = map(rs, 0);
						found.put(record.erpId(), record);
					});
		}
		return found;
	}

	/**
	 * The next ERP ids after {@code after}, in key order, of records not recorded
	 * DELETED: the ones a deletion sweep asks the ERP about.
	 */
	public List<String> notDeletedAfter(String store, String entity, String after, int limit) {
		return named.queryForList(
				"SELECT erp_id FROM sync_record WHERE store = :store AND entity = :entity AND erp_id > :after"
						+ " AND status <> 'DELETED' ORDER BY erp_id LIMIT " + Math.max(1, limit),
				new MapSqlParameterSource("store", store).addValue("entity", entity).addValue("after", after),
				String.class);
	}

	/**
	 * Which ERP record each of these store records is bound to; store ids bound to none
	 * are absent.
	 */
	public Map<String, String> erpIdsBoundTo(String store, String entity, Collection<String> externalIds) {
		Map<String, String> bound = new HashMap<>();
		if (!externalIds.isEmpty()) {
			named.query("SELECT external_id, erp_id FROM sync_record WHERE store = :store AND entity = :entity"
					+ " AND external_id IN (:ids)", ids(store, entity, externalIds), rs -> {
						bound.put(rs.getString(1), rs.getString(2));
					});
		}
		return bound;
	}

	/**
	 * The next page of records waiting in the history, after {@code after}, oldest change
	 * first: HELD ones and FAILED ones with attempts left, unless they were prepared
	 * again (then they wait as prepared).
	 */
	public List<SyncRecord> waiting(String store, String entity, SyncDirection direction, BacklogSlice slice,
			BacklogPosition after, int limit, int maxAttempts) {
		MapSqlParameterSource params = slice.bind(keyset(store, entity, direction, after).addValue("max", maxAttempts));
		// A UNION of index range scans instead of one OR, so each part walks
		// sync_record_backlog in order; each part has its own LIMIT, so the server never
		// materialises every waiting record for a page.
		String page = " ORDER BY changed_at, erp_id LIMIT " + Math.max(1, limit);
		String waiting = "SELECT * FROM sync_record r WHERE store = :store AND entity = :entity"
				+ slice.condition("erp_hash") + NOT_PREPARED + " AND " + AFTER;
		String sql = "SELECT * FROM ((" + waiting + " AND status = 'HELD'" + page + ") UNION ALL (" + waiting
				+ " AND status = 'FAILED' AND attempts < :max" + page + ")) backlog" + page;
		return named.query(sql, params, SyncRecordRepository::map);
	}

	/**
	 * The next page of HELD records, for another pass once records of the same entity
	 * they wait for went out.
	 */
	public List<SyncRecord> held(String store, String entity, SyncDirection direction, BacklogPosition after,
			int limit) {
		return named.query(
				"SELECT * FROM sync_record r WHERE store = :store AND entity = :entity AND status = 'HELD'"
						+ NOT_PREPARED + " AND " + AFTER + " ORDER BY changed_at, erp_id LIMIT " + Math.max(1, limit),
				keyset(store, entity, direction, after), SyncRecordRepository::map);
	}

	private static final String NOT_PREPARED = " AND NOT EXISTS (SELECT 1 FROM sync_prepared p"
			+ " WHERE p.scope_id = :scope AND p.source_key = r.erp_id)";

	// The position's time is bound as text with its fractions: Connector/J rounds
	// date-time parameters on MariaDB 10.x, and a rounded position would read records
	// before it again.
	private static final String AFTER = "(changed_at > :afterAt OR (changed_at = :afterAt AND erp_id > :afterId))";

	private MapSqlParameterSource keyset(String store, String entity, SyncDirection direction, BacklogPosition after) {
		return new MapSqlParameterSource("store", store).addValue("entity", entity)
			.addValue("scope", scopes.id(store, entity, direction))
			.addValue("afterAt", ChangeTime.exact(after.changedAt()))
			.addValue("afterId", after.key());
	}

	/**
	 * Writes bindings as the process step concluded them, each whole, in one multi-row
	 * statement on MySQL (INSERT … ON DUPLICATE KEY UPDATE) and as a MERGE on H2. A
	 * record processed for the first time gets its row here.
	 */
	public void save(List<SyncRecord> records) {
		if (records.isEmpty()) {
			return;
		}
		String columns = "store, entity, erp_id, external_id, erp_description, status, last_operation,"
				+ " last_direction, erp_hash, store_hash, attempts, last_error, last_attempt_at, job_execution_id,"
				+ " changed_at";
		String sql = mySql
				? "INSERT INTO sync_record (" + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
						+ " ?, ?, ?) ON DUPLICATE KEY UPDATE external_id = VALUES(external_id),"
						+ " erp_description = VALUES(erp_description), status = VALUES(status),"
						+ " last_operation = VALUES(last_operation), last_direction = VALUES(last_direction),"
						+ " erp_hash = VALUES(erp_hash), store_hash = VALUES(store_hash), attempts = VALUES(attempts),"
						+ " last_error = VALUES(last_error), last_attempt_at = VALUES(last_attempt_at),"
						+ " job_execution_id = VALUES(job_execution_id), changed_at = VALUES(changed_at)"
				: "MERGE INTO sync_record (" + columns + ") KEY (store, entity, erp_id) VALUES (?, ?, ?, ?, ?, ?, ?,"
						+ " ?, ?, ?, ?, ?, ?, ?, ?)";
		jdbc.batchUpdate(sql, records, records.size(), (ps, record) -> {
			ps.setString(1, record.store());
			ps.setString(2, record.entity());
			ps.setString(3, record.erpId());
			ps.setString(4, record.externalId());
			ps.setString(5, truncate(record.erpDescription(), 255));
			ps.setString(6, record.status().name());
			ps.setString(7, record.lastOperation() == null ? null : record.lastOperation().name());
			ps.setString(8, record.lastDirection() == null ? null : record.lastDirection().label());
			ps.setString(9, record.erpHash());
			ps.setString(10, record.storeHash());
			ps.setInt(11, record.attempts());
			// Masked before it is shortened, so that no part of a secret is kept.
			ps.setString(12, truncate(secrets.redact(record.lastError()), 2000));
			ps.setTimestamp(13, record.lastAttemptAt() == null ? null : ChangeTime.timestamp(record.lastAttemptAt()));
			if (record.jobExecutionId() == null) {
				ps.setNull(14, java.sql.Types.BIGINT);
			}
			else {
				ps.setLong(14, record.jobExecutionId());
			}
			ps.setString(15, ChangeTime.exact(record.changedAt() == null ? ChangeTime.EARLIEST : record.changedAt()));
		});
	}

	/**
	 * How many records each store, entity and direction has in each of these statuses;
	 * absent when none.
	 */
	public List<StatusCount> countByStatus(Collection<SyncStatus> statuses) {
		return named.query("SELECT store, entity, COALESCE(last_direction, 'export'), status, COUNT(*) FROM sync_record"
				+ " WHERE status IN (:statuses) GROUP BY store, entity, COALESCE(last_direction, 'export'), status",
				new MapSqlParameterSource("statuses", statuses.stream().map(SyncStatus::name).toList()),
				(rs, n) -> new StatusCount(rs.getString(1), rs.getString(2), SyncDirection.parse(rs.getString(3)),
						SyncStatus.valueOf(rs.getString(4)), rs.getLong(5)));
	}

	public record StatusCount(String store, String entity, SyncDirection direction, SyncStatus status, long count) {
	}

	/**
	 * How the records these job executions attempted last stand now, by status and, for
	 * processed records, by how they were written: the history of one run.
	 */
	public List<Outcome> outcomesOf(String store, String entity, Collection<Long> jobExecutionIds) {
		if (jobExecutionIds.isEmpty()) {
			return List.of();
		}
		return named.query(
				"SELECT status, last_operation, COUNT(*) FROM sync_record WHERE store = :store AND entity = :entity"
						+ " AND job_execution_id IN (:executions) GROUP BY status, last_operation",
				new MapSqlParameterSource("store", store).addValue("entity", entity)
					.addValue("executions", jobExecutionIds),
				(rs, n) -> new Outcome(SyncStatus.valueOf(rs.getString(1)),
						rs.getString(2) == null ? null : LastOperation.valueOf(rs.getString(2)), rs.getLong(3)));
	}

	public record Outcome(SyncStatus status, @Nullable LastOperation operation, long count) {
	}

	public int countHeld(String store, String entity) {
		Integer count = jdbc.queryForObject(
				"SELECT COUNT(*) FROM sync_record WHERE store = ? AND entity = ? AND status = 'HELD'", Integer.class,
				store, entity);
		return count == null ? 0 : count;
	}

	/**
	 * Sync refresh: the records are prepared again and processed by the next run with
	 * fresh attempts, whatever their status. Returns the ERP ids that have no sync
	 * record, which the caller reports.
	 */
	public List<String> prepareAgain(String store, String entity, SyncDirection direction, Collection<String> erpIds) {
		Map<String, SyncRecord> known = byErpIds(store, entity, erpIds);
		Map<String, String> waiting = prepared.fingerprints(scopes.id(store, entity, direction), erpIds);
		List<String> unknown = erpIds.stream()
			.filter(id -> !known.containsKey(id) && !waiting.containsKey(id))
			.distinct()
			.toList();
		prepareAgainRecords(store, entity, direction, known.values());
		return unknown;
	}

	/**
	 * Which of these ERP ids neither have a binding nor wait as prepared; changes
	 * nothing.
	 */
	public List<String> unknownErpIds(String store, String entity, SyncDirection direction, Collection<String> erpIds) {
		Set<String> known = byErpIds(store, entity, erpIds).keySet();
		Set<String> waiting = prepared.fingerprints(scopes.id(store, entity, direction), erpIds).keySet();
		return erpIds.stream().filter(id -> !known.contains(id) && !waiting.contains(id)).distinct().toList();
	}

	/**
	 * The next FAILED or ABORTED records after {@code afterErpId} (by ERP id, at most
	 * {@code limit}), prepared again; returns their ERP ids, so that the caller can ask
	 * for the batch after the last one.
	 */
	public List<String> prepareAgainFailed(String store, String entity, SyncDirection direction,
			@Nullable String afterErpId, int limit) {
		List<SyncRecord> failed = named.query("SELECT * FROM sync_record WHERE store = :store AND entity = :entity"
				+ " AND status IN ('FAILED', 'ABORTED') AND erp_id IS NOT NULL"
				+ (afterErpId == null ? "" : " AND erp_id > :after") + " ORDER BY erp_id LIMIT " + Math.max(1, limit),
				new MapSqlParameterSource("store", store).addValue("entity", entity).addValue("after", afterErpId),
				SyncRecordRepository::map);
		prepareAgainRecords(store, entity, direction, failed);
		return failed.stream().map(record -> Objects.requireNonNull(record.erpId())).toList();
	}

	private void prepareAgainRecords(String store, String entity, SyncDirection direction,
			Collection<SyncRecord> records) {
		if (records.isEmpty()) {
			return;
		}
		prepared.prepare(scopes.id(store, entity, direction),
				records.stream()
					.map(record -> new PreparedChange(Objects.requireNonNull(record.erpId()),
							record.erpHash() == null ? NO_FINGERPRINT : record.erpHash(),
							record.changedAt() == null ? ChangeTime.EARLIEST : record.changedAt()))
					.toList(),
				null);
		named.update(
				"UPDATE sync_record SET attempts = 0, last_error = NULL WHERE store = :store"
						+ " AND entity = :entity AND erp_id IN (:ids)",
				ids(store, entity, records.stream().map(SyncRecord::erpId).toList()));
	}

	/**
	 * The operator's abort: left alone by every run until it is retried. Returns the
	 * unknown ERP ids.
	 */
	public List<String> abort(String store, String entity, SyncDirection direction, Collection<String> erpIds,
			String reason, java.time.Instant now) {
		int scope = scopes.id(store, entity, direction);
		Map<String, SyncRecord> known = byErpIds(store, entity, erpIds);
		Map<String, String> waiting = prepared.fingerprints(scope, erpIds);
		List<String> unknown = new ArrayList<>();
		List<SyncRecord> aborted = new ArrayList<>();
		for (String erpId : new LinkedHashSet<>(erpIds)) {
			SyncRecord record = known.get(erpId);
			if (record == null && !waiting.containsKey(erpId)) {
				unknown.add(erpId);
				continue;
			}
			aborted.add(record == null
					? new SyncRecord(store, entity, erpId, null, null, SyncStatus.ABORTED, null, direction,
							waiting.get(erpId), null, 0, reason, now, null, null)
					: new SyncRecord(store, entity, erpId, record.erpDescription(), record.externalId(),
							SyncStatus.ABORTED, record.lastOperation(), record.lastDirection(), record.erpHash(),
							record.storeHash(), 0, reason, now, record.jobExecutionId(), record.changedAt()));
		}
		if (unknown.isEmpty()) {
			save(aborted);
			prepared.withdraw(scope, aborted.stream().map(SyncRecord::erpId).toList());
		}
		return unknown;
	}

	/**
	 * The sync history of an entity, by ERP id: every binding, and every record still
	 * waiting to be processed (shown as PREPARED, with what is known of it).
	 */
	public List<SyncRecord> history(String store, String entity, SyncDirection direction, @Nullable SyncStatus status) {
		int scope = scopes.id(store, entity, direction);
		Map<String, SyncRecord> byKey = new HashMap<>();
		List<SyncRecord> withoutErpId = new ArrayList<>();
		named.query("SELECT * FROM sync_record WHERE store = :store AND entity = :entity",
				new MapSqlParameterSource("store", store).addValue("entity", entity), (ResultSet rs) -> {
					SyncRecord record = map(rs, 0);
					if (record.erpId() == null) {
						withoutErpId.add(record);
					}
					else {
						byKey.put(record.erpId(), record);
					}
				});
		Set<String> waiting = new LinkedHashSet<>();
		jdbc.query("SELECT source_key FROM sync_prepared WHERE scope_id = ?", rs -> {
			waiting.add(rs.getString(1));
		}, scope);
		for (String key : waiting) {
			SyncRecord record = byKey.get(key);
			byKey.put(key,
					record == null
							? new SyncRecord(store, entity, key, null, null, SyncStatus.PREPARED, null, direction, null,
									null, 0, null, null, null, null)
							: new SyncRecord(store, entity, key, record.erpDescription(), record.externalId(),
									SyncStatus.PREPARED, record.lastOperation(), record.lastDirection(),
									record.erpHash(), record.storeHash(), record.attempts(), record.lastError(),
									record.lastAttemptAt(), record.jobExecutionId(), record.changedAt()));
		}
		List<SyncRecord> history = new ArrayList<>(byKey.values());
		history.addAll(withoutErpId);
		return history.stream()
			.filter(record -> status == null || record.status() == status)
			.sorted(Comparator.comparing(record -> record.erpId() == null ? "" : record.erpId()))
			.toList();
	}

	private static MapSqlParameterSource ids(String store, String entity, Collection<String> ids) {
		return new MapSqlParameterSource("store", store).addValue("entity", entity).addValue("ids", ids);
	}

	private static SyncRecord map(ResultSet rs, int rowNum) throws SQLException {
		String operation = rs.getString("last_operation");
		String direction = rs.getString("last_direction");
		Timestamp changedAt = rs.getTimestamp("changed_at");
		return new SyncRecord(rs.getString("store"), rs.getString("entity"), rs.getString("erp_id"),
				rs.getString("erp_description"), rs.getString("external_id"),
				SyncStatus.valueOf(rs.getString("status")), operation == null ? null : LastOperation.valueOf(operation),
				direction == null ? null : SyncDirection.parse(direction), rs.getString("erp_hash"),
				rs.getString("store_hash"), rs.getInt("attempts"), rs.getString("last_error"),
				ChangeTime.instant(rs.getTimestamp("last_attempt_at")), rs.getObject("job_execution_id", Long.class),
				changedAt == null ? null : changedAt.toLocalDateTime());
	}

	private static @Nullable String truncate(@Nullable String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

}
