package io.syncbatch.history;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import io.syncbatch.definition.SyncDirection;

/**
 * What a batch run needs to know of real time to count the changes it brought: whether
 * the store's real time was initialized and is active, and which records have a message
 * still waiting in the inbox (real time brought those, it has not synced them yet).
 */
@Repository
public class RealtimeCoverage {

	private final NamedParameterJdbcTemplate jdbc;

	public RealtimeCoverage(DataSource syncDataSource) {
		this.jdbc = new NamedParameterJdbcTemplate(syncDataSource);
	}

	/** Whether real time was initialized for the store and is active. */
	public boolean active(String store) {
		return !jdbc
			.queryForList("SELECT store FROM sync_realtime WHERE store = :store AND state = 'ACTIVE'"
					+ " AND destination IS NOT NULL", Map.of("store", store), String.class)
			.isEmpty();
	}

	/** Those of these keys that a message waiting in the inbox names. */
	public Set<String> waiting(String store, String entity, SyncDirection direction, Collection<String> keys) {
		if (keys.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc.queryForList(
				"SELECT record_key FROM sync_inbox WHERE store = :store AND entity = :entity AND source = :source"
						+ " AND status IN ('RECEIVED', 'HELD') AND record_key IN (:keys)",
				Map.of("store", store, "entity", entity, "source", direction == SyncDirection.EXPORT ? "ERP" : "STORE",
						"keys", keys),
				String.class));
	}

}
