package io.syncbatch.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ObjLongConsumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.pipeline.Tally;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncStatus;

/**
 * The record counters of one store, entity and direction, fed with the same committed
 * tallies as the run summary, so Prometheus and the operator's summary can never disagree
 * about a run.
 */
public final class RecordMeters implements ObjLongConsumer<String> {

	private final Map<String, Counter> byTally = new HashMap<>();

	RecordMeters(MeterRegistry registry, String store, String entity, SyncDirection direction) {
		byTally.put(Tally.PREPARED,
				counter("syncbatch.records.prepared", store, entity, direction)
					.description("Records marked PREPARED (new or changed on the side the sync starts from)")
					.register(registry));
		byTally.put(Tally.UNCHANGED,
				counter("syncbatch.records.skipped", store, entity, direction).tag("reason", "unchanged")
					.description("Records read by prepare and skipped because nothing changed since the last sync")
					.register(registry));
		byTally.put(Tally.IN_SYNC,
				counter("syncbatch.records.skipped", store, entity, direction).tag("reason", "in-sync")
					.description("Records the process found the other side already holding (the engine's own write"
							+ " coming back)")
					.register(registry));
		byTally.put(Tally.MISSED_BY_REAL_TIME,
				counter("syncbatch.records.missed.by.realtime", store, entity, direction)
					.description("Changed records a batch run found while the store's real time was active: changes"
							+ " no push notification or webhook brought")
					.register(registry));
		byTally.put(Tally.CONFLICTS,
				counter("syncbatch.records.conflicts", store, entity, direction)
					.description("Records both sides had changed since the last sync, settled by the primary system")
					.register(registry));
		for (LastOperation operation : LastOperation.values()) {
			byTally.put(operation.name(),
					counter("syncbatch.records.processed", store, entity, direction).tag("operation", operation.name())
						.description("Records written, by last operation")
						.register(registry));
		}
		byTally.put(SyncStatus.FILTERED.name(),
				counter("syncbatch.records.filtered", store, entity, direction)
					.description("Records excluded by an export or import filtering condition")
					.register(registry));
		byTally.put(SyncStatus.FAILED.name(),
				counter("syncbatch.records.failed", store, entity, direction)
					.description("Failed process attempts (mapping rule or store refusal, or retries used up)")
					.register(registry));
		byTally.put(SyncStatus.DELETED.name(),
				counter("syncbatch.records.deleted", store, entity, direction)
					.description("Records found deleted on the side the sync starts from")
					.register(registry));
		// HELD has no counter: every pass reads held records again, so a count would
		// repeat them; the backlog gauge shows how many wait.
	}

	private static Counter.Builder counter(String name, String store, String entity, SyncDirection direction) {
		return Counter.builder(name)
			.tag(SyncMeters.STORE, store)
			.tag(SyncMeters.ENTITY, entity)
			.tag(SyncMeters.DIRECTION, direction.label());
	}

	/**
	 * Adds a committed tally; tallies without a counter (HELD) are left out on purpose.
	 */
	@Override
	public void accept(String tally, long amount) {
		Counter counter = byTally.get(tally);
		if (counter != null) {
			counter.increment(amount);
		}
	}

}
