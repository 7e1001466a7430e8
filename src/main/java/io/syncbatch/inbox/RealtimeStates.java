package io.syncbatch.inbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import io.syncbatch.connector.StoreConnectors;

/**
 * Each store's real-time state ({@code sync_realtime}), shared by every process through
 * the sync database: a store without a row is ACTIVE.
 */
@Repository
public class RealtimeStates {

	private final JdbcTemplate jdbc;

	private final StoreConnectors stores;

	private final Clock clock;

	public RealtimeStates(DataSource syncDataSource, StoreConnectors stores, Clock clock) {
		this.jdbc = new JdbcTemplate(syncDataSource);
		this.stores = stores;
		this.clock = clock;
	}

	/**
	 * A store's state, and since when (null: always so).
	 *
	 * @param destination where initialize subscribed the store's webhooks, or null
	 */
	public record StoreState(String store, RealtimeState state, @Nullable Instant since, @Nullable String destination) {
	}

	/** Every configured store's state, by store name. */
	public Map<String, StoreState> all() {
		Map<String, StoreState> states = new LinkedHashMap<>();
		stores.names().forEach(store -> states.put(store, new StoreState(store, RealtimeState.ACTIVE, null, null)));
		jdbc.query("SELECT store, state, changed_at, destination FROM sync_realtime", rs -> {
			String store = rs.getString("store");
			if (states.containsKey(store)) {
				states.put(store,
						new StoreState(store, RealtimeState.valueOf(rs.getString("state")),
								rs.getObject("changed_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
								rs.getString("destination")));
			}
		});
		return states;
	}

	/** One store's state: one row read, as every message that arrives asks. */
	public RealtimeState of(String store) {
		return jdbc.queryForList("SELECT state FROM sync_realtime WHERE store = ?", String.class, store)
			.stream()
			.findFirst()
			.map(RealtimeState::valueOf)
			.orElse(RealtimeState.ACTIVE);
	}

	/**
	 * Sets a store's state.
	 * @throws IllegalArgumentException naming the stores there are, for an unknown one
	 */
	public StoreState set(String store, RealtimeState state) {
		return set(store, state, null);
	}

	/**
	 * Sets a store's state and, when not null, where its webhooks are sent.
	 * @throws IllegalArgumentException naming the stores there are, for an unknown one
	 */
	public StoreState set(String store, RealtimeState state, @Nullable String destination) {
		// Refuses an unknown store, naming the configured ones.
		stores.connection(store);
		LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		if (jdbc.update("UPDATE sync_realtime SET state = ?, changed_at = ?, destination = COALESCE(?, destination)"
				+ " WHERE store = ?", state.name(), now, destination, store) == 0) {
			jdbc.update("INSERT INTO sync_realtime (store, state, changed_at, destination) VALUES (?, ?, ?, ?)", store,
					state.name(), now, destination);
		}
		return Objects.requireNonNull(all().get(store));
	}

}
