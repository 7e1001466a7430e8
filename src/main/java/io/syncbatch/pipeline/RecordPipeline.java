package io.syncbatch.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.syncbatch.connector.AdoptionGuard;
import io.syncbatch.connector.CreateJournal;
import io.syncbatch.connector.OutgoingRecord;
import io.syncbatch.connector.StoreWrites;
import io.syncbatch.connector.WriteResult;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.OnDelete;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.erp.ErpSource;
import io.syncbatch.history.ChangeTime;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.PreparedChange;
import io.syncbatch.history.PendingCreates;
import io.syncbatch.history.PreparedRecords;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncScopes;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.record.SourceRecord;
import io.syncbatch.rules.FilterCondition;
import io.syncbatch.rules.MappingRule;
import io.syncbatch.rules.RecordFilter;
import io.syncbatch.rules.RecordHeldException;
import io.syncbatch.rules.RecordRejectedException;

/**
 * One record's way through a sync, as a plain service: the filtering conditions, then the
 * mapping rules, then the write, then the outcome in the sync history. The process step's
 * reader, processor and writer adapt it to Spring Batch; a caller outside a job (a
 * real-time message) hands it a few keys with {@link #syncNow}.
 *
 * <p>
 * Outcomes are saved in the caller's transaction (a chunk's), together with what no
 * longer waits, so a record's status moves with the step's checkpoint. If the process
 * dies after the store accepted a batch but before that transaction commits, the records
 * still wait without a store id; the write algorithm then finds what the store already
 * has instead of creating it twice.
 */
@Service
public class RecordPipeline {

	private final ErpSource erp;

	private final SyncRecordRepository records;

	private final PreparedRecords prepared;

	private final PendingCreates pendingCreates;

	private final SyncScopes scopes;

	private final StoreWrites stores;

	private final TransactionTemplate transaction;

	private final Clock clock;

	public RecordPipeline(ErpSource erp, SyncRecordRepository records, PreparedRecords prepared,
			PendingCreates pendingCreates, SyncScopes scopes, StoreWrites stores, TransactionTemplate transaction,
			Clock clock) {
		this.erp = erp;
		this.records = records;
		this.prepared = prepared;
		this.pendingCreates = pendingCreates;
		this.scopes = scopes;
		this.stores = stores;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * The waiting records with their source's current state, read by key in one query.
	 */
	public List<SyncItem> withCurrentState(SyncContext context, List<WaitingRecord> waiting) {
		requireExport(context);
		Map<String, SourceRecord> current = erp.rowsByKey(context.definition(),
				waiting.stream().map(WaitingRecord::key).toList(), context.queryParameters());
		return waiting.stream().map(record -> new SyncItem(record, current.get(record.key()))).toList();
	}

	/**
	 * Filtering conditions, then mapping rules; never null: every record attempted leaves
	 * with an outcome.
	 */
	public Decision decide(SyncContext context, SyncItem item) {
		EntityDefinition definition = context.definition();
		SourceRecord current = item.current();
		if (current == null) {
			return gone(context, item);
		}
		Optional<FilterCondition> unmet = new RecordFilter(definition.exportFilter()).firstUnmet(current.fields());
		if (unmet.isPresent()) {
			return Decision.decided(item, Decision.Outcome.of(SyncStatus.FILTERED,
					"export filtering condition not met: " + unmet.get().describe()));
		}
		Map<String, @Nullable Object> payload = new LinkedHashMap<>();
		StoreReferences references = new StoreReferences(context, records, erp);
		try {
			for (MappingRule rule : definition.mapping()) {
				rule.apply(references, current.fields(), payload);
			}
		}
		catch (RecordHeldException held) {
			return Decision.decided(item, Decision.Outcome.of(SyncStatus.HELD,
					definition.entity() + " " + current.describe() + " held: " + held.getMessage()));
		}
		catch (RecordRejectedException rejected) {
			return Decision.decided(item, Decision.Outcome.of(SyncStatus.FAILED,
					definition.entity() + " " + current.describe() + " not sent: " + rejected.getMessage()));
		}
		return Decision.write(item, payload);
	}

	/**
	 * A record its source no longer selects: DELETED, and the store's record kept or
	 * deleted as {@code target.on-delete} says.
	 */
	private Decision gone(SyncContext context, SyncItem item) {
		EntityDefinition definition = context.definition();
		String reason = "no longer selected by the ERP query of " + definition.origin();
		SyncRecord binding = item.waiting().binding();
		String externalId = binding == null ? null : binding.externalId();
		if (externalId == null) {
			return Decision.decided(item,
					Decision.Outcome.of(SyncStatus.DELETED, reason + "; it was never in the store"));
		}
		String storeRecord = "the store's " + definition.target().resource() + " " + externalId;
		if (definition.target().onDelete() == OnDelete.DELETE) {
			return Decision.decided(item, Decision.Outcome.removed(externalId,
					reason + "; " + storeRecord + " was deleted (target.on-delete: delete)"));
		}
		return Decision.decided(item, Decision.Outcome.of(SyncStatus.DELETED,
				reason + "; " + storeRecord + " is kept (target.on-delete: keep)"));
	}

	/**
	 * Writes the records that need it, then saves every outcome and takes the records off
	 * the backlog, in the caller's transaction; counts go to the context's tally.
	 */
	public void write(SyncContext context, List<Decision> decisions) {
		requireExport(context);
		Map<String, Decision.Outcome> outcomes = new LinkedHashMap<>();
		List<Decision> toWrite = new ArrayList<>();
		for (Decision decision : decisions) {
			if (decision.needsWrite()) {
				toWrite.add(decision);
			}
			else {
				outcomes.put(decision.item().waiting().key(), decision.outcome());
			}
		}
		List<String> removals = decisions.stream()
			.filter(Decision::needsRemoval)
			.map(decision -> Objects.requireNonNull(Objects.requireNonNull(decision.outcome()).externalId()))
			.toList();
		if (!removals.isEmpty()) {
			stores.delete(context.store(), context.definition().target(), removals);
		}
		Set<String> pending = new HashSet<>();
		if (!toWrite.isEmpty()) {
			int scope = scope(context);
			Map<String, Map<String, @Nullable Object>> sentBefore = pendingCreates.sentBefore(scope,
					toWrite.stream().map(decision -> decision.item().waiting().key()).toList());
			pending.addAll(sentBefore.keySet());
			CreateJournal journal = naturalKeys -> {
				pendingCreates.aboutToSend(scope, naturalKeys.stream()
					.collect(Collectors.toMap(OutgoingRecord::key, OutgoingRecord::payload, (first, second) -> first)));
				naturalKeys.forEach(record -> pending.add(record.key()));
			};
			List<WriteResult> results = stores.upsert(context.store(), context.definition().target(),
					toWrite.stream().map(decision -> outgoing(decision, sentBefore)).toList(),
					notBoundElsewhere(context), journal);
			Map<String, WriteResult> byKey = results.stream()
				.collect(Collectors.toMap(WriteResult::key, Function.identity(), (first, second) -> first));
			for (Decision decision : toWrite) {
				WriteResult result = byKey.get(decision.item().waiting().key());
				outcomes.put(decision.item().waiting().key(), result == null
						? Decision.Outcome.of(SyncStatus.FAILED,
								"the store connector returned no result for this record")
						: result.succeeded()
								? Decision.Outcome.processed(Objects.requireNonNull(result.externalId()),
										Objects.requireNonNull(result.operation()))
								: result.forbidden()
										? Decision.Outcome.failedUntilChanged(
												notSent(context, decision, Objects.requireNonNull(result.error())))
										: Decision.Outcome.of(SyncStatus.FAILED,
												Objects.requireNonNull(result.error())));
			}
		}
		save(context, decisions, outcomes);
		pendingCreates.settled(scope(context), pending);
	}

	/**
	 * Syncs these keys now, outside a job, whatever waits for them: reads their current
	 * state, decides, writes and saves in one transaction. Keys their source does not
	 * select are recorded DELETED if they were synced before, and otherwise left out.
	 * @return the outcome of each key attempted
	 */
	public Map<String, SyncStatus> syncNow(SyncContext context, Collection<String> keys) {
		return transaction.execute(status -> {
			Map<String, SyncRecord> bindings = records.byErpIds(context.store(), context.entity(), keys);
			Map<String, String> waiting = prepared.fingerprints(scope(context), keys);
			List<WaitingRecord> records = keys.stream().distinct().map(key -> {
				SyncRecord binding = bindings.get(key);
				return new WaitingRecord(key,
						binding == null || binding.changedAt() == null ? ChangeTime.EARLIEST : binding.changedAt(),
						binding, waiting.get(key));
			}).toList();
			List<Decision> decisions = withCurrentState(context, records).stream()
				.filter(item -> item.current() != null || item.waiting().binding() != null)
				.map(item -> decide(context, item))
				.toList();
			write(context, decisions);
			Map<String, SyncStatus> statuses = new LinkedHashMap<>();
			this.records.byErpIds(context.store(), context.entity(), keys)
				.forEach((key, record) -> statuses.put(key, record.status()));
			return statuses;
		});
	}

	private void save(SyncContext context, List<Decision> decisions, Map<String, Decision.Outcome> outcomes) {
		Instant now = clock.instant();
		List<SyncRecord> saved = new ArrayList<>();
		List<PreparedChange> done = new ArrayList<>();
		Map<String, Long> tally = new HashMap<>();
		for (Decision decision : decisions) {
			WaitingRecord waiting = decision.item().waiting();
			Decision.Outcome outcome = Objects.requireNonNull(outcomes.get(waiting.key()));
			SyncRecord record = saved(context, decision.item(), outcome, now);
			saved.add(record);
			if (waiting.prepared()) {
				done.add(new PreparedChange(waiting.key(), Objects.requireNonNull(waiting.preparedFingerprint()),
						waiting.changedAt()));
			}
			tally.merge(outcome.tally(), 1L, Long::sum);
		}
		records.save(saved);
		prepared.processed(scope(context), done);
		tally.forEach(context.tally()::add);
	}

	/**
	 * The history line after this attempt: what the outcome says, and what it does not
	 * say kept from before.
	 */
	private SyncRecord saved(SyncContext context, SyncItem item, Decision.Outcome outcome, Instant now) {
		WaitingRecord waiting = item.waiting();
		SyncRecord before = waiting.binding();
		SourceRecord current = item.current();
		boolean failed = outcome.status() == SyncStatus.FAILED;
		int maxAttempts = context.definition().maxAttempts();
		int attempts = !failed ? 0 : (waiting.prepared() || before == null ? 0 : before.attempts()) + 1;
		// A failure that repeats until the record changes uses up its attempts at once:
		// it stays FAILED, and only a change in the source (which prepares it again with
		// fresh attempts) or an operator's retry sends it again.
		if (outcome.untilChanged()) {
			attempts = Math.max(attempts, maxAttempts);
		}
		SyncStatus status = failed && !outcome.untilChanged() && attempts >= maxAttempts ? SyncStatus.ABORTED
				: outcome.status();
		// A record deleted from the store is bound to nothing there: if it comes back in
		// the source, it is created again.
		String externalId = outcome.operation() == LastOperation.DELETED_EXTERNALLY ? null
				: outcome.externalId() != null ? outcome.externalId() : before == null ? null : before.externalId();
		String erpHash = current != null ? current.fingerprint()
				: waiting.prepared() ? waiting.preparedFingerprint() : before == null ? null : before.erpHash();
		return new SyncRecord(context.store(), context.entity(), waiting.key(),
				current != null && current.description() != null ? current.description()
						: before == null ? null : before.erpDescription(),
				externalId, status,
				outcome.operation() != null ? outcome.operation() : before == null ? null : before.lastOperation(),
				context.direction(), erpHash, before == null ? null : before.storeHash(), attempts, outcome.reason(),
				now,
				// The change time it waited under, not a newer one: a record that failed
				// must stay behind the position of the walk that attempted it, or the
				// same run would read it again.
				context.jobExecutionId(), waiting.changedAt());
	}

	/**
	 * A store record found by natural key may be adopted only when no other record of
	 * this store and entity is bound to it: otherwise two ERP records would become one
	 * store record.
	 */
	private AdoptionGuard notBoundElsewhere(SyncContext context) {
		return found -> {
			Map<String, String> boundTo = records.erpIdsBoundTo(context.store(), context.entity(), found.values());
			Map<String, String> refusals = new HashMap<>();
			found.forEach((key, externalId) -> {
				String other = boundTo.get(externalId);
				if (other != null && !other.equals(key)) {
					refusals.put(key,
							"the store's " + context.entity() + " " + externalId + ", found by the same"
									+ " natural key, is already bound to ERP record " + other
									+ "; not adopted, so that the two" + " are not merged");
				}
			});
			return refusals;
		};
	}

	/** As a mapping rule's refusal reads: the record, then why it was not sent. */
	private static String notSent(SyncContext context, Decision decision, String reason) {
		SourceRecord current = decision.item().current();
		return context.definition().entity() + " "
				+ (current == null ? decision.item().waiting().key() : current.describe()) + " not sent: " + reason;
	}

	private int scope(SyncContext context) {
		return scopes.id(context.store(), context.entity(), context.direction());
	}

	private static OutgoingRecord outgoing(Decision decision, Map<String, Map<String, @Nullable Object>> sentBefore) {
		String key = decision.item().waiting().key();
		SyncRecord binding = decision.item().waiting().binding();
		return new OutgoingRecord(key, binding == null ? null : binding.externalId(),
				Objects.requireNonNull(decision.payload()), sentBefore.get(key));
	}

	private static void requireExport(SyncContext context) {
		if (context.direction() != SyncDirection.EXPORT) {
			throw new IllegalStateException(context.job().name() + ": syncbatch cannot import yet");
		}
	}

}
