package io.syncbatch.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.metrics.SyncMeters;

/**
 * The inbox's meters: messages received by source and what they became
 * ({@code syncbatch.inbox.messages}, duplicates included), how many wait and how old the
 * oldest is (read from the sync database, which every process shares, at most once per
 * {@code syncbatch.metrics.state-max-age}), and how long a message took from its arrival
 * to its record's sync ({@code syncbatch.inbox.latency}), and each store's real-time
 * state ({@code syncbatch.realtime.state}). Every series of a configured store exists
 * from start-up, at zero.
 */
@Component
public class InboxMeters implements MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(InboxMeters.class);

	private final Inbox inbox;

	private final SyncbatchProperties properties;

	private final Clock clock;

	private @Nullable MeterRegistry registry;

	private final RealtimeStates states;

	private @Nullable Snapshot snapshot;

	private Instant snapshotAt = Instant.MIN;

	public InboxMeters(Inbox inbox, RealtimeStates states, SyncbatchProperties properties, Clock clock) {
		this.inbox = inbox;
		this.states = states;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		for (String store : properties.stores().keySet()) {
			for (MessageSource source : MessageSource.values()) {
				for (InboxStatus status : List.of(InboxStatus.RECEIVED, InboxStatus.DUPLICATE, InboxStatus.IGNORED,
						InboxStatus.PROCESSED, InboxStatus.FAILED)) {
					counter(store, source, status);
				}
				latency(store, source);
			}
		}
		for (String store : properties.stores().keySet()) {
			for (RealtimeState state : RealtimeState.values()) {
				Gauge
					.builder("syncbatch.realtime.state", this,
							meters -> meters.snapshot().states().get(store) == state ? 1 : 0)
					.tag(SyncMeters.STORE, store)
					.tag("state", state.name())
					.description("1 for the store's real-time state (ACTIVE, PAUSED, STOPPED), 0 for the others")
					.register(registry);
			}
		}
		Gauge.builder("syncbatch.inbox.waiting", this, meters -> meters.snapshot().depth().waiting())
			.baseUnit("messages")
			.description("Messages received and not yet finished (RECEIVED or HELD)")
			.register(registry);
		Gauge.builder("syncbatch.inbox.oldest.waiting.age", this, InboxMeters::oldestAge)
			.baseUnit("seconds")
			.description("How long the oldest waiting message has waited (0: none waits)")
			.register(registry);
	}

	/** Counts messages as they are stored: received, duplicate or ignored. */
	void received(List<InboxMessage> messages) {
		messages.forEach(message -> count(message.store(), message.source(), message.status()));
	}

	/**
	 * Counts a request the inbox refused (401, 400, 404, 405, 413, 503…), by the sender
	 * it claimed to be ({@code none} for a path that names neither) and status: the store
	 * is not a tag, since a refused request may name any.
	 */
	void refused(@Nullable MessageSource source, int status) {
		if (registry != null) {
			Counter.builder("syncbatch.inbox.refused")
				.tag("source", source == null ? "none" : source.name().toLowerCase(Locale.ROOT))
				.tag("status", Integer.toString(status))
				.description("Requests to /hooks refused, by the sender they claimed to be and the status answered")
				.register(registry)
				.increment();
		}
	}

	/** Counts a message finished by its record's sync, and times it from its arrival. */
	void finished(InboxMessage message, InboxStatus status) {
		count(message.store(), message.source(), status);
		if (status == InboxStatus.PROCESSED) {
			Timer latency = latency(message.store(), message.source());
			if (latency != null) {
				latency.record(Duration.between(message.receivedAt(), clock.instant()));
			}
		}
	}

	private void count(String store, MessageSource source, InboxStatus status) {
		Counter counter = counter(store, source, status);
		if (counter != null) {
			counter.increment();
		}
	}

	private @Nullable Counter counter(String store, MessageSource source, InboxStatus status) {
		return registry == null ? null
				: Counter.builder("syncbatch.inbox.messages")
					.tag(SyncMeters.STORE, store)
					.tag("source", source.name().toLowerCase(Locale.ROOT))
					.tag("status", status.name())
					.description(
							"Real-time messages: RECEIVED, DUPLICATE or IGNORED on arrival, then PROCESSED or FAILED")
					.register(registry);
	}

	private @Nullable Timer latency(String store, MessageSource source) {
		return registry == null ? null
				: Timer.builder("syncbatch.inbox.latency")
					.tag(SyncMeters.STORE, store)
					.tag("source", source.name().toLowerCase(Locale.ROOT))
					.publishPercentileHistogram()
					.description("From a message's arrival to its record synced")
					.register(registry);
	}

	/** What the gauges read from the sync database, read at most once per max age. */
	private record Snapshot(Inbox.Depth depth, Map<String, RealtimeState> states) {
	}

	private synchronized Snapshot snapshot() {
		Instant now = clock.instant();
		if (snapshot == null || snapshotAt.plus(properties.metrics().stateMaxAge()).isBefore(now)) {
			try {
				Map<String, RealtimeState> byStore = new HashMap<>();
				states.all().forEach((store, state) -> byStore.put(store, state.state()));
				snapshot = new Snapshot(inbox.depth(), byStore);
				snapshotAt = now;
			}
			catch (DataAccessException e) {
				log.warn("Could not read the inbox for metrics: {}", e.getMessage());
				return snapshot == null ? new Snapshot(new Inbox.Depth(0, null), Map.of()) : snapshot;
			}
		}
		return snapshot;
	}

	private double oldestAge() {
		Instant oldest = snapshot().depth().oldestReceivedAt();
		return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
	}

}
