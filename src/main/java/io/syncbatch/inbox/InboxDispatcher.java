package io.syncbatch.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.stereotype.Component;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.definition.BatchFilter;
import io.syncbatch.definition.DefinitionException;
import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.history.RunRefusedException;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.job.SyncJobs;
import io.syncbatch.job.SyncParametersValidator;
import io.syncbatch.run.SyncRun;

/**
 * Processes the inbox: the records that waiting messages name are synced by their
 * entity's job, one run of chosen ids per store and job, so that a burst of messages
 * about one record is one sync of it, as the source has it then (a later message cannot
 * be overtaken by an earlier one's data). What became of each record in the history is
 * what becomes of its messages. A message whose record is HELD waits with it and is
 * finished when the record is.
 *
 * <p>
 * Killed at any point, nothing is lost: a message stays RECEIVED until its outcome is
 * recorded, and is processed again after a restart, which the history's fingerprints make
 * a no-op for what was already synced. A run that cannot start (its store/entity is busy)
 * leaves its messages for the next look; one that fails is tried again after a second,
 * then after pauses that double up to a minute.
 */
@Component
public class InboxDispatcher {

	private static final Logger log = LoggerFactory.getLogger(InboxDispatcher.class);

	private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

	private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

	private final Inbox inbox;

	private final Definitions definitions;

	private final SyncJobs jobs;

	private final SyncRecordRepository records;

	private final SyncbatchProperties.Inbox settings;

	private final Clock clock;

	private final InboxMeters meters;

	private final RealtimeStates states;

	/** Per store and job after a failed run: when to try again, and the pause taken. */
	private final Map<String, Pause> paused = new HashMap<>();

	private record Pause(Instant until, Duration length) {
	}

	public InboxDispatcher(Inbox inbox, Definitions definitions, SyncJobs jobs, SyncRecordRepository records,
			SyncbatchProperties properties, Clock clock, InboxMeters meters, RealtimeStates states) {
		this.inbox = inbox;
		this.definitions = definitions;
		this.jobs = jobs;
		this.records = records;
		this.settings = properties.inbox();
		this.clock = clock;
		this.meters = meters;
		this.states = states;
	}

	/**
	 * One look at the inbox, for the stores whose real-time sync is active (a paused
	 * store's messages wait, in order); returns how many messages it finished. When it
	 * synced a record, the HELD records may be waiting for just that one: they are synced
	 * again in the same look. Otherwise a HELD message only follows its record's history.
	 */
	public synchronized int dispatch() {
		Set<String> active = new HashSet<>();
		states.all().forEach((store, state) -> {
			if (state.state() == RealtimeState.ACTIVE) {
				active.add(store);
			}
		});
		int finished = 0;
		for (List<InboxMessage> messages : byRun(inbox.waiting(InboxStatus.RECEIVED, active, settings.batchSize()))) {
			finished += process(messages);
		}
		boolean synced = finished > 0;
		for (List<InboxMessage> messages : byRun(inbox.waiting(InboxStatus.HELD, active, settings.batchSize()))) {
			finished += synced ? process(messages) : finish(messages, job(messages.get(0)), null);
		}
		return finished;
	}

	/**
	 * Messages by the run that syncs their records: one per store, source and entity, or
	 * as many as it takes for their ids to fit the one parameter that names them (the job
	 * repository keeps {@value SyncParametersValidator#LONGEST_VALUE} characters of it).
	 * A record's messages go in one run.
	 */
	private static List<List<InboxMessage>> byRun(List<InboxMessage> messages) {
		Map<String, Map<String, List<InboxMessage>>> byRun = new LinkedHashMap<>();
		for (InboxMessage message : messages) {
			byRun
				.computeIfAbsent(message.store() + " " + message.source() + " " + message.entity(),
						run -> new LinkedHashMap<>())
				.computeIfAbsent(Objects.requireNonNull(message.recordKey()), key -> new ArrayList<>())
				.add(message);
		}
		List<List<InboxMessage>> runs = new ArrayList<>();
		for (Map<String, List<InboxMessage>> byKey : byRun.values()) {
			List<InboxMessage> run = new ArrayList<>();
			int length = -1;
			for (Map.Entry<String, List<InboxMessage>> record : byKey.entrySet()) {
				int more = record.getKey().length() + 1;
				if (!run.isEmpty() && length + more > SyncParametersValidator.LONGEST_VALUE) {
					runs.add(run);
					run = new ArrayList<>();
					length = -1;
				}
				run.addAll(record.getValue());
				length += more;
			}
			runs.add(run);
		}
		return runs;
	}

	private EntityJob job(InboxMessage message) {
		return definitions.entity(Objects.requireNonNull(message.entity())).job(message.source().direction());
	}

	private int process(List<InboxMessage> messages) {
		InboxMessage first = messages.get(0);
		EntityJob job = job(first);
		String runKey = first.store() + " " + job.name();
		Pause pause = paused.get(runKey);
		if (pause != null && clock.instant().isBefore(pause.until())) {
			return 0;
		}
		Set<String> keys = new LinkedHashSet<>();
		messages.forEach(message -> keys.add(Objects.requireNonNull(message.recordKey())));
		List<Long> ids = messages.stream().map(InboxMessage::id).toList();
		JobExecution execution;
		try {
			execution = jobs.launch(job.name(),
					Map.of(SyncRun.STORE, first.store(), BatchFilter.IDS, String.join(",", keys)));
		}
		catch (RunRefusedException busy) {
			log.debug("Inbox: {} is busy; its {} message(s) wait for the next look", runKey, messages.size());
			return 0;
		}
		catch (InvalidJobParametersException | IllegalArgumentException | DefinitionException refused) {
			// Refused for what the messages say (an id the job cannot take, an entity the
			// store's platform does not take): trying again would be refused again.
			// Anything else (the sync database away) leaves them RECEIVED for the next
			// look.
			inbox.outcome(ids, InboxStatus.FAILED, "not synced: " + refused.getMessage(), null);
			messages.forEach(message -> meters.finished(message, InboxStatus.FAILED));
			return ids.size();
		}
		catch (Exception notNow) {
			throw new IllegalStateException(
					job.name() + " could not be launched for the inbox now: " + notNow.getMessage(), notNow);
		}
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			Duration length = pause == null ? FIRST_PAUSE : pause.length().multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
					? LONGEST_PAUSE : pause.length().multipliedBy(2);
			paused.put(runKey, new Pause(clock.instant().plus(length), length));
			inbox.outcome(
					ids, InboxStatus.RECEIVED, "execution " + execution.getId() + " of " + job.name() + " "
							+ execution.getStatus() + "; tried again in " + length.toMillis() + " ms",
					execution.getId());
			return 0;
		}
		paused.remove(runKey);
		return finish(messages, job, execution.getId());
	}

	private int finish(List<InboxMessage> messages, EntityJob job, @Nullable Long executionId) {
		InboxMessage first = messages.get(0);
		Map<String, SyncRecord> history = records.byKeys(first.store(), job.entity(), job.direction(),
				messages.stream().map(message -> Objects.requireNonNull(message.recordKey())).toList());
		Map<Outcome, List<Long>> outcomes = new LinkedHashMap<>();
		for (InboxMessage message : messages) {
			Outcome outcome = Outcome.of(history.get(message.recordKey()), job);
			if (outcome.status() != message.status() || executionId != null) {
				outcomes.computeIfAbsent(outcome, o -> new ArrayList<>()).add(message.id());
				if (outcome.status().finished()) {
					meters.finished(message, outcome.status());
				}
			}
		}
		int finished = 0;
		for (Map.Entry<Outcome, List<Long>> outcome : outcomes.entrySet()) {
			inbox.outcome(outcome.getValue(), outcome.getKey().status(), outcome.getKey().reason(), executionId);
			if (outcome.getKey().status().finished()) {
				finished += outcome.getValue().size();
			}
		}
		return finished;
	}

	/** What a record's history means for the messages about it. */
	private record Outcome(InboxStatus status, @Nullable String reason) {

		static Outcome of(@Nullable SyncRecord record, EntityJob job) {
			if (record == null) {
				return new Outcome(InboxStatus.IGNORED, job.name() + " found no such record to sync");
			}
			return switch (record.status()) {
				case PROCESSED -> new Outcome(InboxStatus.PROCESSED, null);
				case DELETED -> new Outcome(InboxStatus.PROCESSED, record.lastError());
				case HELD -> new Outcome(InboxStatus.HELD, record.lastError());
				case FILTERED, SKIPPED -> new Outcome(InboxStatus.IGNORED, record.lastError());
				case FAILED, ABORTED, INVALID -> new Outcome(InboxStatus.FAILED, record.lastError());
				case PREPARED -> new Outcome(InboxStatus.RECEIVED, "prepared, not processed yet");
			};
		}
	}

}
