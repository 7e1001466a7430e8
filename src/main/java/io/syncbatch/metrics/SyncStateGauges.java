package io.syncbatch.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.history.PreparedRecords;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncScopes;
import io.syncbatch.history.SyncStatus;

/**
 * Gauges read from the sync database, not from this process's memory: several processes
 * may sync the same stores (a service and a scheduler's CLI runs), and the database is
 * what all of them agree on. One snapshot (two grouped queries) serves every gauge and is
 * taken again at most once per {@code syncbatch.metrics.state-max-age}, so a scrape costs
 * at most two queries.
 *
 * <p>
 * The last completed run is exported as a Unix time, as Prometheus recommends, and
 * dashboards subtract it from {@code time()}: a "seconds since" gauge would be stale
 * between scrapes.
 */
@Component
public class SyncStateGauges implements MeterBinder {

	/** The statuses of records that are not (yet) in the store. */
	static final List<SyncStatus> BACKLOG = List.of(SyncStatus.PREPARED, SyncStatus.FAILED, SyncStatus.HELD,
			SyncStatus.ABORTED);

	private static final Logger log = LoggerFactory.getLogger(SyncStateGauges.class);

	// Job names and the store parameter as the job repository keeps them; Batch records
	// times in local time.
	private static final String LAST_COMPLETED = "SELECT i.JOB_NAME, p.PARAMETER_VALUE, MAX(e.END_TIME)"
			+ " FROM BATCH_JOB_EXECUTION e" + " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
			+ " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
			+ " AND p.PARAMETER_NAME = 'store'"
			+ " WHERE e.STATUS = 'COMPLETED' GROUP BY i.JOB_NAME, p.PARAMETER_VALUE";

	private final SyncRecordRepository records;

	private final PreparedRecords prepared;

	private final SyncScopes scopes;

	private final JdbcTemplate jdbc;

	private final Definitions definitions;

	private final SyncbatchProperties properties;

	private final Clock clock;

	private final Duration maxAge;

	private @Nullable Snapshot snapshot;

	public SyncStateGauges(SyncRecordRepository records, PreparedRecords prepared, SyncScopes scopes,
			DataSource syncDataSource, Definitions definitions, SyncbatchProperties properties, Clock clock) {
		this.records = records;
		this.prepared = prepared;
		this.scopes = scopes;
		this.jdbc = new JdbcTemplate(syncDataSource);
		this.definitions = definitions;
		this.properties = properties;
		this.clock = clock;
		this.maxAge = properties.metrics().stateMaxAge();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String store : properties.stores().keySet()) {
			for (EntityDefinition definition : definitions.all()) {
				for (EntityJob job : definition.jobs()) {
					String entity = job.entity();
					String direction = job.direction().label();
					for (SyncStatus status : BACKLOG) {
						Gauge
							.builder("syncbatch.backlog", this,
									gauges -> gauges.current().backlog(store, entity, direction, status))
							.baseUnit("records")
							.tag(SyncMeters.STORE, store)
							.tag(SyncMeters.ENTITY, entity)
							.tag(SyncMeters.DIRECTION, direction)
							.tag("status", status.name())
							.description("Records not yet synced, by sync status")
							.register(registry);
					}
					Gauge
						.builder("syncbatch.last.completed.run.timestamp", this,
								gauges -> gauges.current().lastCompleted(store, entity, direction))
						.baseUnit("seconds")
						.tag(SyncMeters.STORE, store)
						.tag(SyncMeters.ENTITY, entity)
						.tag(SyncMeters.DIRECTION, direction)
						.description("Unix time at which the entity's last completed run ended (NaN: never)")
						.register(registry);
				}
			}
		}
	}

	synchronized Snapshot current() {
		Instant now = clock.instant();
		if (snapshot == null || !snapshot.takenAt().plus(maxAge).isAfter(now)) {
			try {
				snapshot = take(now);
			}
			catch (DataAccessException e) {
				// A scrape must not fail because the database is briefly away; the old
				// figures stay until then.
				log.warn("Could not read the sync state for metrics: {}", e.getMessage());
				if (snapshot == null) {
					return Snapshot.UNKNOWN;
				}
			}
		}
		return snapshot;
	}

	private Snapshot take(Instant now) {
		Map<String, Long> backlog = new HashMap<>();
		// A record waiting as prepared is PREPARED whatever its history says; the history
		// counts the others.
		records.countByStatus(BACKLOG)
			.forEach(count -> backlog.merge(
					key(count.store(), count.entity(), count.direction().label(), count.status().name()), count.count(),
					Long::sum));
		Map<Integer, SyncScopes.Scope> byId = scopes.all();
		prepared.countByScope().forEach((scope, count) -> {
			SyncScopes.Scope named = byId.get(scope);
			if (named != null) {
				backlog.put(key(named.store(), named.entity(), named.direction().label(), SyncStatus.PREPARED.name()),
						count);
			}
		});
		Map<String, Double> lastCompleted = new HashMap<>();
		jdbc.query(LAST_COMPLETED, rs -> {
			EntityJob job = definitions.job(rs.getString(1));
			if (job != null && rs.getTimestamp(3) != null) {
				lastCompleted.put(key(rs.getString(2), job.entity(), job.direction().label()),
						rs.getTimestamp(3).getTime() / 1000.0);
			}
		});
		return new Snapshot(now, backlog, lastCompleted);
	}

	private static String key(String... parts) {
		return String.join("\u0000", parts);
	}

	record Snapshot(Instant takenAt, Map<String, Long> backlog, Map<String, Double> lastCompleted) {

		/**
		 * Before the database could be read at all: every gauge is NaN, not a reassuring
		 * 0.
		 */
		static final Snapshot UNKNOWN = new Snapshot(Instant.MIN, Map.of(), Map.of());

		double backlog(String store, String entity, String direction, SyncStatus status) {
			return this == UNKNOWN ? Double.NaN
					: backlog.getOrDefault(key(store, entity, direction, status.name()), 0L);
		}

		double lastCompleted(String store, String entity, String direction) {
			return lastCompleted.getOrDefault(key(store, entity, direction), Double.NaN);
		}
	}

}
