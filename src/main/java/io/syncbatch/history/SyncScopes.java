package io.syncbatch.history;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.syncbatch.definition.SyncDirection;

/**
 * The small number that stands for a store, an entity and a direction in every prepared
 * row, so that a million of them do not each repeat three names. Created on first use;
 * ids never change, so each process keeps them.
 */
@Repository
public class SyncScopes {

	private final JdbcTemplate jdbc;

	private final Map<String, Integer> ids = new ConcurrentHashMap<>();

	public SyncScopes(DataSource syncDataSource) {
		this.jdbc = new JdbcTemplate(syncDataSource);
	}

	public int id(String store, String entity, SyncDirection direction) {
		return ids.computeIfAbsent(store + '\u0000' + entity + '\u0000' + direction.label(),
				key -> find(store, entity, direction));
	}

	/** A scope's names. */
	public record Scope(String store, String entity, SyncDirection direction) {
	}

	/**
	 * Every scope by id, as the database has them now (other processes may have added
	 * some).
	 */
	public Map<Integer, Scope> all() {
		Map<Integer, Scope> all = new java.util.HashMap<>();
		jdbc.query("SELECT id, store, entity, direction FROM sync_scope", rs -> {
			all.put(rs.getInt(1), new Scope(rs.getString(2), rs.getString(3), SyncDirection.parse(rs.getString(4))));
		});
		return all;
	}

	private int find(String store, String entity, SyncDirection direction) {
		List<Integer> found = select(store, entity, direction);
		if (!found.isEmpty()) {
			return found.get(0);
		}
		try {
			jdbc.update("INSERT INTO sync_scope (store, entity, direction) VALUES (?, ?, ?)", store, entity,
					direction.label());
		}
		catch (DuplicateKeyException createdMeanwhile) {
			// Another process created it between the two statements: its id is as good.
		}
		return select(store, entity, direction).get(0);
	}

	private List<Integer> select(String store, String entity, SyncDirection direction) {
		return jdbc.queryForList("SELECT id FROM sync_scope WHERE store = ? AND entity = ? AND direction = ?",
				Integer.class, store, entity, direction.label());
	}

}
