package io.syncbatch.history;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The prepared data: what prepare found new or changed, one narrow row per record of a
 * scope, waiting for the process step, which removes a row once it has recorded an
 * outcome for that fingerprint. Writes run in the caller's chunk transaction, so a row
 * and the step's checkpoint move together.
 */
@Repository
public class PreparedRecords {

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	public PreparedRecords(DataSource syncDataSource) {
		this.jdbc = new JdbcTemplate(syncDataSource);
		this.named = new NamedParameterJdbcTemplate(jdbc);
	}

	/** The fingerprints waiting for these keys; keys with nothing waiting are absent. */
	public Map<String, String> fingerprints(int scope, Collection<String> keys) {
		Map<String, String> found = new HashMap<>();
		if (!keys.isEmpty()) {
			named.query(
					"SELECT source_key, fingerprint FROM sync_prepared WHERE scope_id = :scope"
							+ " AND source_key IN (:keys)",
					new MapSqlParameterSource("scope", scope).addValue("keys", keys), rs -> {
						found.put(rs.getString(1), rs.getString(2));
					});
		}
		return found;
	}

	/**
	 * Marks the records as waiting, in one multi-row statement; a record already waiting
	 * takes the newer fingerprint and change time.
	 * @param instance the job instance of a selective run, which processes only what it
	 * prepared itself
	 */
	public void prepare(int scope, List<PreparedChange> changes, @Nullable Long instance) {
		jdbc.batchUpdate(
				"INSERT INTO sync_prepared (scope_id, source_key, fingerprint, changed_at, instance_id)"
						+ " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE fingerprint = VALUES(fingerprint),"
						+ " changed_at = VALUES(changed_at), instance_id = VALUES(instance_id)",
				changes, changes.size(), (ps, change) -> {
					ps.setInt(1, scope);
					ps.setString(2, change.key());
					ps.setString(3, change.fingerprint());
					ps.setLong(4, ChangeTime.micros(change.changedAt()));
					if (instance == null) {
						ps.setNull(5, java.sql.Types.BIGINT);
					}
					else {
						ps.setLong(5, instance);
					}
				});
	}

	/**
	 * The next page of waiting records after {@code after}, oldest change first.
	 * @param instance only what this job instance prepared (a selective run), or every
	 * waiting record
	 */
	public List<PreparedChange> page(int scope, BacklogSlice slice, BacklogPosition after, int limit,
			@Nullable Long instance) {
		MapSqlParameterSource params = slice
			.bind(new MapSqlParameterSource("scope", scope).addValue("afterAt", ChangeTime.micros(after.changedAt()))
				.addValue("afterKey", after.key()));
		String mine = "";
		if (instance != null) {
			mine = " AND instance_id = :instance";
			params.addValue("instance", instance);
		}
		return named.query(
				"SELECT source_key, fingerprint, changed_at FROM sync_prepared WHERE scope_id = :scope" + mine
						+ slice.condition("fingerprint")
						+ " AND (changed_at > :afterAt OR (changed_at = :afterAt AND source_key > :afterKey))"
						+ " ORDER BY changed_at, source_key LIMIT " + Math.max(1, limit),
				params,
				(rs, n) -> new PreparedChange(rs.getString(1), rs.getString(2), ChangeTime.ofMicros(rs.getLong(3))));
	}

	/**
	 * An outcome was recorded for these records: they no longer wait. A row prepared
	 * again meanwhile with another fingerprint stays, so that change is processed too.
	 */
	public void processed(int scope, List<PreparedChange> done) {
		jdbc.batchUpdate("DELETE FROM sync_prepared WHERE scope_id = ? AND source_key = ? AND fingerprint = ?", done,
				done.size(), (ps, change) -> {
					ps.setInt(1, scope);
					ps.setString(2, change.key());
					ps.setString(3, change.fingerprint());
				});
	}

	/**
	 * An operator left these records alone: whatever was prepared for them no longer
	 * waits.
	 */
	public void withdraw(int scope, Collection<String> keys) {
		if (!keys.isEmpty()) {
			named.update("DELETE FROM sync_prepared WHERE scope_id = :scope AND source_key IN (:keys)",
					new MapSqlParameterSource("scope", scope).addValue("keys", keys));
		}
	}

	/**
	 * How many records wait in a scope: all of them, or only those a selective run's job
	 * instance prepared.
	 */
	public long count(int scope, @Nullable Long instance) {
		Long count = instance == null
				? jdbc.queryForObject("SELECT COUNT(*) FROM sync_prepared WHERE scope_id = ?", Long.class, scope)
				: jdbc.queryForObject("SELECT COUNT(*) FROM sync_prepared WHERE scope_id = ? AND instance_id = ?",
						Long.class, scope, instance);
		return count == null ? 0 : count;
	}

	/** How many records wait in each scope; scopes with none are absent. */
	public Map<Integer, Long> countByScope() {
		Map<Integer, Long> counts = new HashMap<>();
		jdbc.query("SELECT scope_id, COUNT(*) FROM sync_prepared GROUP BY scope_id", rs -> {
			counts.put(rs.getInt(1), rs.getLong(2));
		});
		return counts;
	}

}
