package io.syncbatch.history;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.syncbatch.definition.PrimarySystem;
import io.syncbatch.secrets.Secrets;

/**
 * Every conflict of a bidirectional entity, with the values the winning version replaced
 * on the other side. Written in the caller's chunk transaction, with the outcome it
 * explains.
 */
@Repository
public class ConflictLog {

	private final JdbcTemplate jdbc;

	private final Secrets secrets;

	public ConflictLog(DataSource syncDataSource, Secrets secrets) {
		this.jdbc = new JdbcTemplate(syncDataSource);
		this.secrets = secrets;
	}

	/** One conflict: where, who won, and what the win replaced. */
	public record Entry(String store, String entity, @Nullable String erpId, @Nullable String externalId,
			PrimarySystem winner, String replaced, Instant detectedAt, @Nullable Long jobExecutionId) {
	}

	public void record(List<Entry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		jdbc.batchUpdate(
				"INSERT INTO sync_conflict (store, entity, erp_id, external_id, winner, replaced, detected_at,"
						+ " job_execution_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				entries, entries.size(), (ps, entry) -> {
					ps.setString(1, entry.store());
					ps.setString(2, entry.entity());
					ps.setString(3, entry.erpId());
					ps.setString(4, entry.externalId());
					ps.setString(5, entry.winner().name().toLowerCase(Locale.ROOT));
					String replaced = Objects.requireNonNull(secrets.redact(entry.replaced()));
					ps.setString(6, replaced.length() <= 4000 ? replaced : replaced.substring(0, 3999) + "…");
					ps.setTimestamp(7, ChangeTime.timestamp(entry.detectedAt()));
					if (entry.jobExecutionId() == null) {
						ps.setNull(8, java.sql.Types.BIGINT);
					}
					else {
						ps.setLong(8, entry.jobExecutionId());
					}
				});
	}

	/** The conflicts of an entity on a store, newest first. */
	public List<Entry> of(String store, String entity, int limit) {
		return jdbc.query(
				"SELECT * FROM sync_conflict WHERE store = ? AND entity = ? ORDER BY id DESC LIMIT "
						+ Math.max(1, limit),
				(rs, n) -> new Entry(rs.getString("store"), rs.getString("entity"), rs.getString("erp_id"),
						rs.getString("external_id"), PrimarySystem.parse(rs.getString("winner")),
						rs.getString("replaced"),
						Objects.requireNonNull(ChangeTime.instant(rs.getTimestamp("detected_at"))),
						rs.getObject("job_execution_id", Long.class)),
				store, entity);
	}

}
