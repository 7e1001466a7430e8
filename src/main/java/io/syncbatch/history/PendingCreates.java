package io.syncbatch.history;

import java.sql.Timestamp;
import java.time.Clock;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates sent to a store whose outcome is not recorded yet, with the natural key each
 * sent. They are committed on their own before the request leaves, so they survive a
 * process killed while the store answers; they go in the chunk transaction that records
 * the outcome, so they stay when that transaction does not commit.
 */
@Repository
public class PendingCreates {

	private static final TypeReference<Map<String, @Nullable Object>> FIELDS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final TransactionTemplate onItsOwn;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	public PendingCreates(DataSource syncDataSource, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = new JdbcTemplate(syncDataSource);
		this.named = new NamedParameterJdbcTemplate(jdbc);
		this.onItsOwn = new TransactionTemplate(transactions);
		this.onItsOwn.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/**
	 * Remembers what these records' creates are about to send, committed before this
	 * returns, whatever transaction the caller is in.
	 * @param naturalKeys key → the fields a lookup of it uses, as sent
	 */
	public void aboutToSend(int scope, Map<String, Map<String, @Nullable Object>> naturalKeys) {
		if (naturalKeys.isEmpty()) {
			return;
		}
		List<Map.Entry<String, Map<String, @Nullable Object>>> rows = List.copyOf(naturalKeys.entrySet());
		Timestamp now = Timestamp.from(clock.instant());
		onItsOwn.executeWithoutResult(status -> jdbc.batchUpdate(
				"INSERT INTO sync_pending_create (scope_id, source_key, natural_key, sent_at) VALUES (?, ?, ?, ?)"
						+ " ON DUPLICATE KEY UPDATE natural_key = VALUES(natural_key), sent_at = VALUES(sent_at)",
				rows, rows.size(), (ps, row) -> {
					ps.setInt(1, scope);
					ps.setString(2, row.getKey());
					ps.setString(3, json.writeValueAsString(row.getValue()));
					ps.setTimestamp(4, now);
				}));
	}

	/** What earlier creates of these keys sent; keys with none pending are absent. */
	public Map<String, Map<String, @Nullable Object>> sentBefore(int scope, Collection<String> keys) {
		Map<String, Map<String, @Nullable Object>> sent = new HashMap<>();
		if (!keys.isEmpty()) {
			named.query(
					"SELECT source_key, natural_key FROM sync_pending_create WHERE scope_id = :scope"
							+ " AND source_key IN (:keys)",
					new MapSqlParameterSource("scope", scope).addValue("keys", keys), rs -> {
						sent.put(rs.getString(1), json.readValue(rs.getString(2), FIELDS));
					});
		}
		return sent;
	}

	/**
	 * The outcome of these keys is being recorded in the caller's transaction: nothing of
	 * them is pending once it commits. Each key is deleted by its whole primary key, the
	 * keys given being rows that exist: MariaDB then locks those rows only, where a
	 * {@code DELETE … IN} of a chunk's keys may scan and lock the gaps between them, and
	 * another partition's {@link #aboutToSend} into those gaps would deadlock with it.
	 */
	public void settled(int scope, Collection<String> keys) {
		if (!keys.isEmpty()) {
			List<String> rows = List.copyOf(keys);
			jdbc.batchUpdate("DELETE FROM sync_pending_create WHERE scope_id = ? AND source_key = ?", rows, rows.size(),
					(ps, key) -> {
						ps.setInt(1, scope);
						ps.setString(2, key);
					});
		}
	}

}
