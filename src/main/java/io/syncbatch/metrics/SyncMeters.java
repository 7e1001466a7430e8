package io.syncbatch.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.definition.SyncDirection;

/**
 * The engine's own meters, tagged {@code store}, {@code entity} and {@code direction}.
 * Every series of a configured store and a defined entity exists from start-up, at zero:
 * a dashboard then shows "nothing happened" rather than "no data", and Prometheus's
 * {@code increase()} counts a first run from zero. A series that appears with its first
 * value already 1, as Spring Batch's job timer does at the end of the first run after a
 * start, is invisible to {@code increase()}: that is why runs are also counted here, in
 * {@code syncbatch.runs}.
 */
@Component
public class SyncMeters {

	public static final String STORE = "store";

	public static final String ENTITY = "entity";

	public static final String DIRECTION = "direction";

	/**
	 * How runs end, as Spring Batch's statuses say; others (ABANDONED, UNKNOWN) get
	 * series when they occur.
	 */
	private static final List<String> RUN_ENDS = List.of("COMPLETED", "FAILED", "STOPPED");

	private final MeterRegistry registry;

	private final Map<String, RecordMeters> records = new ConcurrentHashMap<>();

	public SyncMeters(MeterRegistry registry, SyncbatchProperties properties, Definitions definitions) {
		this.registry = registry;
		for (String store : properties.stores().keySet()) {
			retries(store);
			rateLimitWaits(store);
			for (EntityDefinition definition : definitions.all()) {
				for (EntityJob job : definition.jobs()) {
					records(store, job.entity(), job.direction());
					RUN_ENDS.forEach(status -> runs(store, job.entity(), job.direction(), status));
				}
			}
		}
	}

	public RecordMeters records(String store, String entity, SyncDirection direction) {
		return records.computeIfAbsent(store + '\u0000' + entity + '\u0000' + direction.label(),
				key -> new RecordMeters(registry, store, entity, direction));
	}

	/** A run (job execution) of the entity one way ended with this Batch status. */
	public void runEnded(String store, EntityJob job, String status, Duration took) {
		runs(store, job.entity(), job.direction(), status).record(took);
	}

	/** A store write failed in a way worth retrying, and will be tried again. */
	public void retried(String store) {
		retries(store).increment();
	}

	/** Requests to the store waited this long because its rate limit said so. */
	public void waitedForRateLimit(String store, Duration wait) {
		rateLimitWaits(store).record(wait);
	}

	private Timer runs(String store, String entity, SyncDirection direction, String status) {
		return Timer.builder("syncbatch.runs")
			.tag(STORE, store)
			.tag(ENTITY, entity)
			.tag(DIRECTION, direction.label())
			.tag("status", status)
			.description("Job executions by how they ended, with their duration")
			.register(registry);
	}

	private Counter retries(String store) {
		return Counter.builder("syncbatch.store.retries")
			.tag(STORE, store)
			.description("Store writes tried again after a transient failure (5xx, 429, timeout)")
			.register(registry);
	}

	private Timer rateLimitWaits(String store) {
		return Timer.builder("syncbatch.store.rate.limit.wait")
			.tag(STORE, store)
			.description("Pauses before a store request because the store's rate limit asked for one")
			.register(registry);
	}

}
