package io.syncbatch.history;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.syncbatch.definition.SyncDirection;

/**
 * Where each store/entity's next incremental prepare starts reading, per direction (the
 * ERP's or the store's change times).
 */
@Repository
public class WatermarkRepository {

	private final JdbcTemplate jdbc;

	public WatermarkRepository(DataSource syncDataSource) {
		this.jdbc = new JdbcTemplate(syncDataSource);
	}

	public Optional<LocalDateTime> changedSince(String store, String entity, SyncDirection direction) {
		return jdbc
			.query("SELECT changed_since FROM sync_watermark WHERE store = ? AND entity = ? AND direction = ?",
					(rs, n) -> rs.getTimestamp(1).toLocalDateTime(), store, entity, direction.label())
			.stream()
			.findFirst();
	}

	/**
	 * Never moves backwards, so an older execution restarted late cannot undo a newer
	 * one's progress.
	 */
	public void advance(String store, String entity, SyncDirection direction, LocalDateTime changedSince,
			long executionId, Instant now) {
		int updated = jdbc.update(
				"UPDATE sync_watermark SET changed_since = ?, job_execution_id = ?, updated_at = ?"
						+ " WHERE store = ? AND entity = ? AND direction = ? AND changed_since < ?",
				Timestamp.valueOf(changedSince), executionId, ChangeTime.timestamp(now), store, entity,
				direction.label(), Timestamp.valueOf(changedSince));
		if (updated == 0 && changedSince(store, entity, direction).isEmpty()) {
			jdbc.update(
					"INSERT INTO sync_watermark (store, entity, direction, changed_since, job_execution_id,"
							+ " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
					store, entity, direction.label(), Timestamp.valueOf(changedSince), executionId,
					ChangeTime.timestamp(now));
		}
	}

}
