package io.syncbatch.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
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
	 * The fingerprint each of these source keys (ERP ids of an export, store ids of an
	 * import) is known by: the one waiting for it when it waits as prepared, otherwise
	 * the one its side was last seen with; keys never seen are absent. One round trip for
	 * both.
	 */
	public Map<String, String> knownFingerprints(String store, String entity, SyncDirection direction,
			Collection<String> keys) {
		Map<String, String> synced = new HashMap<>();
		Map<String, String> waiting = new HashMap<>();
		if (!keys.isEmpty()) {
			String key = keyColumn(direction);
			String hash = hashColumn(direction);
			named.query(
					"SELECT 'w', source_key, fingerprint FROM sync_prepared WHERE scope_id = :scope"
							+ " AND source_key IN (:ids) UNION ALL SELECT 's', " + key + ", " + hash
							+ " FROM sync_record" + " WHERE store = :store AND entity = :entity AND " + key
							+ " IN (:ids) AND " + hash + " IS NOT NULL",
					ids(store, entity, keys).addValue("scope", scopes.id(store, entity, direction)), rs -> {
						(rs.getString(1).equals("w") ? waiting : synced).put(rs.getString(2), rs.getString(3));
					});
		}
		synced.putAll(waiting);
		return synced;
	}

	/**
	 * The column that keys a binding for a sync going this way: the ERP id for an export,
	 * the store id for an import.
	 */
	static String keyColumn(SyncDirection direction) {
		return direction == SyncDirection.IMPORT ? "external_id" : "erp_id";
	}

	/** The fingerprint of the side a sync going this way starts from. */
	static String hashColumn(SyncDirection direction) {
		return direction == SyncDirection.IMPORT ? "store_hash" : "erp_hash";
	}

	/**
	 * The bindings of these source keys of a sync going this way: ERP ids of an export,
	 * store ids of an import.
	 */
	public Map<String, SyncRecord> byKeys(String store, String entity, SyncDirection direction,
			Collection<String> keys) {
		Map<String, SyncRecord> found = new HashMap<>();
		if (!keys.isEmpty()) {
			named.query("SELECT * FROM sync_record WHERE store = :store AND entity = :entity AND "
					+ keyColumn(direction) + " IN (:ids)", ids(store, entity, keys), (ResultSet rs) -> {
						SyncRecord record = map(rs, 0);
						found.put(Objects.requireNonNull(record.key(direction)), record);
					});
		}
		return found;
	}

	/** The bindings of these ERP ids. */
	public Map<String, SyncRecord> byErpIds(String store, String entity, Collection<String> erpIds) {
		return byKeys(store, entity, SyncDirection.EXPORT, erpIds);
	}

	/**
	 * The next source keys after {@code after} (ERP ids of an export, store ids of an
	 * import), in key order, of records not recorded DELETED: the ones a deletion sweep
	 * asks the source about.
	 */
	public List<String> notDeletedAfter(String store, String entity, SyncDirection direction, String after, int limit) {
		String key = keyColumn(direction);
		return named.queryForList(
				"SELECT " + key + " FROM sync_record WHERE store = :store AND entity = :entity AND " + key + " > :after"
						+ " AND status <> 'DELETED' ORDER BY " + key + " LIMIT " + Math.max(1, limit),
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
	 * The other store each of these ERP records is in, where one is: bound there to a
	 * store record. ERP ids in no other store are absent.
	 */
	public Map<String, String> storesElsewhere(String store, String entity, Collection<String> erpIds) {
		Map<String, String> elsewhere = new HashMap<>();
		if (!erpIds.isEmpty()) {
			named.query(
					"SELECT erp_id, store FROM sync_record WHERE store <> :store AND entity = :entity"
							+ " AND external_id IS NOT NULL AND erp_id IN (:ids) ORDER BY store",
					ids(store, entity, erpIds), rs -> {
						elsewhere.putIfAbsent(rs.getString(1), rs.getString(2));
					});
		}
		return elsewhere;
	}

	/**
	 * The next page of records waiting in the history for a sync going this way, after
	 * {@code after}, oldest change first: HELD ones and FAILED ones with attempts left
	 * whose last attempt went this way, unless they were prepared again (then they wait
	 * as prepared).
	 */
	public List<SyncRecord> waiting(String store, String entity, SyncDirection direction, BacklogSlice slice,
			BacklogPosition after, int limit, int maxAttempts) {
		MapSqlParameterSource params = slice.bind(keyset(store, entity, direction, after).addValue("max", maxAttempts));
		String key = keyColumn(direction);
		// A UNION of index range scans instead of one OR, so each part walks
		// sync_record_backlog in order; each part has its own LIMIT, so the server never
		// materialises every waiting record for a page.
		String page = " ORDER BY changed_at, " + key + " LIMIT " + Math.max(1, limit);
		String waiting = "SELECT * FROM sync_record r WHERE store = :store AND entity = :entity"
				+ slice.condition(hashColumn(direction)) + thisWay(direction) + " AND " + after(direction);
		String sql = "SELECT * FROM ((" + waiting + " AND status = 'HELD'" + page + ") UNION ALL (" + waiting
				+ " AND status = 'FAILED' AND attempts < :max" + page + ")) backlog" + page;
		return named.query(sql, params, SyncRecordRepository::map);
	}

	/**
	 * The next page of HELD records of a sync going this way, for another pass once
	 * records of the same entity they wait for went out.
	 */
	public List<SyncRecord> held(String store, String entity, SyncDirection direction, BacklogPosition after,
			int limit) {
		return named.query(
				"SELECT * FROM sync_record r WHERE store = :store AND entity = :entity AND status = 'HELD'"
						+ thisWay(direction) + " AND " + after(direction) + " ORDER BY changed_at, "
						+ keyColumn(direction) + " LIMIT " + Math.max(1, limit),
				keyset(store, entity, direction, after), SyncRecordRepository::map);
	}

	/**
	 * Records whose last attempt went this way and that do not wait as prepared. Rows of
	 * an export from before directions were recorded count as exports.
	 */
	private static String thisWay(SyncDirection direction) {
		String key = keyColumn(direction);
		return " AND " + key + " IS NOT NULL AND COALESCE(last_direction, 'export') = '" + direction.label() + "'"
				+ " AND NOT EXISTS (SELECT 1 FROM sync_prepared p WHERE p.scope_id = :scope AND p.source_key = r." + key
				+ ")";
	}

	// The position's time is bound as text with its fractions: Connector/J rounds
	// date-time parameters on MariaDB 10.x, and a rounded position would read records
	// before it again.
	private static String after(SyncDirection direction) {
		String key = keyColumn(direction);
		return "(changed_at > :afterAt OR (changed_at = :afterAt AND " + key + " > :afterId))";
	}

	private MapSqlParameterSource keyset(String store, String entity, SyncDirection direction, BacklogPosition after) {
		return new MapSqlParameterSource("store", store).addValue("entity", entity)
			.addValue("scope", scopes.id(store, entity, direction))
			.addValue("afterAt", ChangeTime.exact(after.changedAt()))
			.addValue("afterId", after.key());
	}

	/**
	 * Makes room for bindings that a sync going this way has just bound to the other
	 * side: a line the other way left of the same record without this way's key (an ERP
	 * record the export filtered out, now matched by an import; a store record whose
	 * import failed, now found by an export) is the same record, and goes, so that
	 * {@link #save} writes one line for it. Read without locks; only such lines are
	 * deleted, by their own id.
	 */
	public void uniteWithTheOtherWay(SyncDirection direction, List<SyncRecord> newlyBound) {
		SyncDirection other = direction == SyncDirection.IMPORT ? SyncDirection.EXPORT : SyncDirection.IMPORT;
		Map<String, List<String>> byEntity = new HashMap<>();
		for (SyncRecord record : newlyBound) {
			String otherKey = record.key(other);
			if (otherKey != null) {
				byEntity.computeIfAbsent(record.store() + '\u0000' + record.entity(), k -> new ArrayList<>())
					.add(otherKey);
			}
		}
		byEntity.forEach((storeAndEntity, keys) -> {
			String[] names = storeAndEntity.split("\u0000");
			List<Long> partial = named.queryForList(
					"SELECT id FROM sync_record WHERE store = :store AND entity = :entity" + " AND " + keyColumn(other)
							+ " IN (:ids) AND " + keyColumn(direction) + " IS NULL",
					ids(names[0], names[1], keys), Long.class);
			if (!partial.isEmpty()) {
				jdbc.batchUpdate("DELETE FROM sync_record WHERE id = ?", partial, partial.size(),
						(ps, id) -> ps.setLong(1, id));
			}
		});
	}

	/**
	 * Writes bindings as the process step of a sync going this way concluded them, each
	 * whole, in one multi-row statement on MySQL (INSERT … ON DUPLICATE KEY UPDATE) and
	 * as a MERGE on H2 by the way's key (the ERP id of an export, the store id of an
	 * import, which a record imported for the first time has before it has an ERP id). A
	 * record processed for the first time gets its row here.
	 */
	public void save(SyncDirection direction, List<SyncRecord> records) {
		if (records.isEmpty()) {
			return;
		}
		String columns = "store, entity, erp_id, external_id, erp_description, status, last_operation,"
				+ " last_direction, erp_hash, store_hash, attempts, last_error, last_attempt_at, job_execution_id,"
				+ " changed_at";
		String sql = mySql ? "INSERT INTO sync_record (" + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
				+ " ?, ?, ?) ON DUPLICATE KEY UPDATE erp_id = VALUES(erp_id), external_id = VALUES(external_id),"
				+ " erp_description = VALUES(erp_description), status = VALUES(status),"
				+ " last_operation = VALUES(last_operation), last_direction = VALUES(last_direction),"
				+ " erp_hash = VALUES(erp_hash), store_hash = VALUES(store_hash), attempts = VALUES(attempts),"
				+ " last_error = VALUES(last_error), last_attempt_at = VALUES(last_attempt_at),"
				+ " job_execution_id = VALUES(job_execution_id), changed_at = VALUES(changed_at)"
				: "MERGE INTO sync_record (" + columns + ") KEY (store, entity, " + keyColumn(direction)
						+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
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

	/** How many records of a sync going this way are HELD. */
	public int countHeld(String store, String entity, SyncDirection direction) {
		Integer count = jdbc.queryForObject(
				"SELECT COUNT(*) FROM sync_record WHERE store = ? AND entity = ?"
						+ " AND status = 'HELD' AND COALESCE(last_direction, 'export') = ?",
				Integer.class, store, entity, direction.label());
		return count == null ? 0 : count;
	}

	/**
	 * Sync refresh: the records are prepared again and processed by the next run going
	 * this way with fresh attempts, whatever their status. Returns the keys (ERP ids of
	 * an export, store ids of an import) that have no sync record, which the caller
	 * reports.
	 */
	public List<String> prepareAgain(String store, String entity, SyncDirection direction, Collection<String> keys) {
		Map<String, SyncRecord> known = byKeys(store, entity, direction, keys);
		Map<String, String> waiting = prepared.fingerprints(scopes.id(store, entity, direction), keys);
		List<String> unknown = keys.stream()
			.filter(id -> !known.containsKey(id) && !waiting.containsKey(id))
			.distinct()
			.toList();
		prepareAgainRecords(store, entity, direction, known.values());
		return unknown;
	}

	/**
	 * Which of these keys of a sync going this way neither have a binding nor wait as
	 * prepared; changes nothing.
	 */
	public List<String> unknownKeys(String store, String entity, SyncDirection direction, Collection<String> keys) {
		Set<String> known = byKeys(store, entity, direction, keys).keySet();
		Set<String> waiting = prepared.fingerprints(scopes.id(store, entity, direction), keys).keySet();
		return keys.stream().filter(id -> !known.contains(id) && !waiting.contains(id)).distinct().toList();
	}

	/**
	 * The next FAILED or ABORTED records whose last attempt went this way, after
	 * {@code afterKey} (by key, at most {@code limit}), prepared again; returns their
	 * keys, so that the caller can ask for the batch after the last one.
	 */
	public List<String> prepareAgainFailed(String store, String entity, SyncDirection direction,
			@Nullable String afterKey, int limit) {
		String key = keyColumn(direction);
		List<SyncRecord> failed = named.query(
				"SELECT * FROM sync_record WHERE store = :store AND entity = :entity"
						+ " AND status IN ('FAILED', 'ABORTED') AND " + key + " IS NOT NULL"
						+ " AND COALESCE(last_direction, 'export') = :direction"
						+ (afterKey == null ? "" : " AND " + key + " > :after") + " ORDER BY " + key + " LIMIT "
						+ Math.max(1, limit),
				new MapSqlParameterSource("store", store).addValue("entity", entity)
					.addValue("after", afterKey)
					.addValue("direction", direction.label()),
				SyncRecordRepository::map);
		prepareAgainRecords(store, entity, direction, failed);
		return failed.stream().map(record -> Objects.requireNonNull(record.key(direction))).toList();
	}

	private void prepareAgainRecords(String store, String entity, SyncDirection direction,
			Collection<SyncRecord> records) {
		if (records.isEmpty()) {
			return;
		}
		String hashOf = hashColumn(direction);
		prepared.prepare(scopes.id(store, entity, direction), records.stream().map(record -> {
			String hash = hashOf.equals("store_hash") ? record.storeHash() : record.erpHash();
			return new PreparedChange(Objects.requireNonNull(record.key(direction)),
					hash == null ? NO_FINGERPRINT : hash,
					record.changedAt() == null ? ChangeTime.EARLIEST : record.changedAt());
		}).toList(), null);
		named.update(
				"UPDATE sync_record SET attempts = 0, last_error = NULL WHERE store = :store"
						+ " AND entity = :entity AND " + keyColumn(direction) + " IN (:ids)",
				ids(store, entity, records.stream().map(record -> record.key(direction)).toList()));
	}

	/**
	 * The operator's abort: left alone by every run going this way until it is retried.
	 * Returns the unknown keys.
	 */
	public List<String> abort(String store, String entity, SyncDirection direction, Collection<String> keys,
			String reason, java.time.Instant now) {
		int scope = scopes.id(store, entity, direction);
		Map<String, SyncRecord> known = byKeys(store, entity, direction, keys);
		Map<String, String> waiting = prepared.fingerprints(scope, keys);
		List<String> unknown = new ArrayList<>();
		List<SyncRecord> aborted = new ArrayList<>();
		for (String key : new LinkedHashSet<>(keys)) {
			SyncRecord record = known.get(key);
			if (record == null && !waiting.containsKey(key)) {
				unknown.add(key);
				continue;
			}
			SyncRecord binding = record == null ? SyncRecord.waiting(store, entity, direction, key, waiting.get(key))
					: record;
			aborted.add(binding.withOutcome(direction, SyncStatus.ABORTED, reason, now));
		}
		if (unknown.isEmpty()) {
			save(direction, aborted);
			prepared.withdraw(scope, aborted.stream().map(record -> record.key(direction)).toList());
		}
		return unknown;
	}

	/**
	 * The sync history of an entity, both ways, by ERP id and then store id: every
	 * binding, and every record still waiting to be processed (shown as PREPARED, with
	 * what is known of it and the way it waits to go).
	 */
	public List<SyncRecord> history(String store, String entity, @Nullable SyncStatus status) {
		List<SyncRecord> all = new ArrayList<>();
		Map<SyncDirection, Map<String, Integer>> at = Map.of(SyncDirection.EXPORT, new HashMap<>(),
				SyncDirection.IMPORT, new HashMap<>());
		named.query("SELECT * FROM sync_record WHERE store = :store AND entity = :entity",
				new MapSqlParameterSource("store", store).addValue("entity", entity), (ResultSet rs) -> {
					SyncRecord record = map(rs, 0);
					at.forEach((way, positions) -> {
						if (record.key(way) != null) {
							positions.put(record.key(way), all.size());
						}
					});
					all.add(record);
				});
		at.forEach((way, positions) -> jdbc
			.query("SELECT source_key, fingerprint FROM sync_prepared WHERE scope_id = ?", rs -> {
				Integer position = positions.get(rs.getString(1));
				if (position == null) {
					all.add(SyncRecord.waiting(store, entity, way, rs.getString(1), rs.getString(2)));
				}
				else {
					all.set(position, all.get(position).waitingAgain(way));
				}
			}, scopes.id(store, entity, way)));
		return all.stream()
			.filter(record -> status == null || record.status() == status)
			.sorted(Comparator.comparing((SyncRecord record) -> record.erpId() == null ? 1 : 0)
				.thenComparing(record -> record.erpId() == null ? "" : record.erpId())
				.thenComparing(record -> record.externalId() == null ? "" : record.externalId()))
			.toList();
	}

	private static MapSqlParameterSource ids(String store, String entity, Collection<String> ids) {
		return new MapSqlParameterSource("store", store).addValue("entity", entity).addValue("ids", ids);
	}

	private static SyncRecord map(ResultSet rs, int rowNum) throws SQLException {
		String operation = rs.getString("last_operation");
		String direction = rs.getString("last_direction");
		// As a LocalDateTime, not a Timestamp: a Timestamp takes the calendar of 1582
		// for earlier dates, and ChangeTime.EARLIEST (year 1000) came back six days
		// early.
		LocalDateTime changedAt = rs.getObject("changed_at", LocalDateTime.class);
		return new SyncRecord(rs.getString("store"), rs.getString("entity"), rs.getString("erp_id"),
				rs.getString("erp_description"), rs.getString("external_id"),
				SyncStatus.valueOf(rs.getString("status")), operation == null ? null : LastOperation.valueOf(operation),
				direction == null ? null : SyncDirection.parse(direction), rs.getString("erp_hash"),
				rs.getString("store_hash"), rs.getInt("attempts"), rs.getString("last_error"),
				ChangeTime.instant(rs.getTimestamp("last_attempt_at")), rs.getObject("job_execution_id", Long.class),
				changedAt);
	}

	private static @Nullable String truncate(@Nullable String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

}
