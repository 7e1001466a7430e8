package io.syncbatch.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.OnDelete;
import io.syncbatch.definition.PrimarySystem;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.erp.ErpSource;
import io.syncbatch.history.ChangeTime;
import io.syncbatch.history.ConflictLog;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.PreparedChange;
import io.syncbatch.history.PreparedRecords;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncScopes;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.record.SourceRecord;
import io.syncbatch.rules.FilterCondition;
import io.syncbatch.rules.MappingContext;
import io.syncbatch.rules.MappingRule;
import io.syncbatch.rules.RecordFilter;
import io.syncbatch.rules.RecordHeldException;
import io.syncbatch.rules.RecordNotInStoreException;
import io.syncbatch.rules.RecordRejectedException;

/**
 * One record's way through a sync, as a plain service: the filtering conditions, then the
 * mapping rules, then the write, then the outcome in the sync history. The process step's
 * reader, processor and writer adapt it to Spring Batch; a caller outside a job (a
 * real-time message) hands it a few keys with {@link #syncNow}.
 *
 * <p>
 * A sync goes one way: an export from the ERP to the store, an import from the store to
 * the ERP. For a bidirectional entity it also reads the record's other side: a version
 * the engine wrote itself coming back changes nothing, and when both sides changed since
 * the last sync the primary system's version is written to the other side, whichever way
 * the sync goes, and the values it replaces are kept ({@link Conflict}).
 *
 * <p>
 * Outcomes are saved in the caller's transaction (a chunk's), together with what no
 * longer waits, so a record's status moves with the step's checkpoint. If the process
 * dies after the store accepted a batch but before that transaction commits, the records
 * still wait without a store id; the write algorithm then finds what the store already
 * has instead of creating it twice. An import writes each record in an ERP transaction of
 * its own, bound to its store id there, so that a record imported again updates the ERP
 * record it made.
 */
@Service
public class RecordPipeline {

	/**
	 * How a record's last attempt ended when a change of its side never reached the other
	 * side.
	 */
	private static final Set<SyncStatus> UNDELIVERED = Set.of(SyncStatus.FAILED, SyncStatus.HELD, SyncStatus.ABORTED,
			SyncStatus.FILTERED);

	private final RecordSources sources;

	private final ErpSource erp;

	private final SyncRecordRepository records;

	private final PreparedRecords prepared;

	private final SyncScopes scopes;

	private final StoreWriting toStore;

	private final ErpWriting toErp;

	private final ConflictLog conflicts;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final SentToStores sentToStores;

	public RecordPipeline(RecordSources sources, ErpSource erp, SyncRecordRepository records, PreparedRecords prepared,
			SyncScopes scopes, StoreWriting toStore, ErpWriting toErp, ConflictLog conflicts,
			TransactionTemplate transaction, Clock clock, SentToStores sentToStores) {
		this.sentToStores = sentToStores;
		this.sources = sources;
		this.erp = erp;
		this.records = records;
		this.prepared = prepared;
		this.scopes = scopes;
		this.toStore = toStore;
		this.toErp = toErp;
		this.conflicts = conflicts;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * The waiting records with their source's current state, read by key in one query (or
	 * one store request per page of ids); for a bidirectional entity, with the current
	 * state of what each is bound to on the other side.
	 */
	public List<SyncItem> withCurrentState(SyncContext context, List<WaitingRecord> waiting) {
		SyncDirection way = context.direction();
		SyncDirection otherWay = reverse(way);
		Map<String, SourceRecord> current = sources.current(context, way,
				waiting.stream().map(WaitingRecord::key).toList());
		// Only records still there can conflict: a deletion is handled as one.
		Map<String, SourceRecord> other = !context.definition().bidirectional() ? Map.of()
				: sources.current(context, otherWay,
						waiting.stream()
							.filter(record -> current.containsKey(record.key()))
							.map(record -> record.binding() == null ? null : record.binding().key(otherWay))
							.filter(Objects::nonNull)
							.map(Objects::requireNonNull)
							.distinct()
							.toList());
		return waiting.stream().map(record -> {
			String bound = record.binding() == null ? null : record.binding().key(otherWay);
			return new SyncItem(record, current.get(record.key()), bound == null ? null : other.get(bound));
		}).toList();
	}

	/**
	 * Filtering conditions, then mapping rules; never null: every record attempted leaves
	 * with an outcome.
	 */
	public Decision decide(SyncContext context, SyncItem item) {
		EntityDefinition definition = context.definition();
		SyncDirection way = context.direction();
		SourceRecord current = item.current();
		if (current == null) {
			return gone(context, item);
		}
		SyncRecord binding = item.waiting().binding();
		if (definition.bidirectional() && !context.chosen() && binding != null
				&& binding.status() == SyncStatus.PROCESSED && current.fingerprint().equals(binding.sourceHash(way))) {
			// Prepared before the other way wrote this very version to this side: the
			// engine's own write, coming back.
			return Decision.decided(item, way, Decision.Outcome.inSync());
		}
		String elsewhere = inAnotherStore(context, binding, current);
		if (elsewhere != null) {
			return Decision.decided(item, way,
					Decision.Outcome.of(SyncStatus.FILTERED, definition.entity() + " " + current.describe()
							+ " is in store '" + elsewhere + "' (target.one-store: it lives in one store)"));
		}
		Optional<FilterCondition> unmet = new RecordFilter(definition.filter(way)).firstUnmet(current.fields());
		if (unmet.isPresent()) {
			if (writtenTheOtherWay(way, binding)) {
				// The other way's record (an order the ERP sent to the store, which this
				// import's conditions leave out): its line stays as that way left it, and
				// what its side last held stays what a later conflict is judged by.
				return Decision.decided(item, way, Decision.Outcome.keptAsItWas());
			}
			return Decision.decided(item, way, Decision.Outcome.of(SyncStatus.FILTERED,
					way.label() + " filtering condition not met: " + unmet.get().describe()));
		}
		if (definition.bidirectional() && binding != null && otherSideChanged(way, binding, item.other())) {
			SourceRecord changedOther = item.other();
			if (changedOther != null && current.fingerprint().equals(binding.sourceHash(way))) {
				// Only the other side changed: a record chosen by id (Process, a
				// real-time
				// message) is synced changed or not, and what changed goes this way,
				// whoever is primary; taking it for a conflict would undo that change.
				return otherSideWins(context, item, changedOther, null);
			}
			PrimarySystem primary = Objects.requireNonNull(definition.primary());
			Conflict conflict = new Conflict(primary, "");
			SourceRecord other = item.other();
			if (primary != startsFrom(way) && other != null) {
				return otherSideWins(context, item, other, conflict);
			}
			return mapped(context, item, current, way, conflict);
		}
		return mapped(context, item, current, way, null);
	}

	/**
	 * The other store an ERP record of a one-store entity is in (an order placed there),
	 * when this store does not have it yet; null otherwise.
	 */
	private @Nullable String inAnotherStore(SyncContext context, @Nullable SyncRecord binding, SourceRecord current) {
		if (context.direction() != SyncDirection.EXPORT || !context.definition().target().oneStore()
				|| (binding != null && binding.externalId() != null)) {
			return null;
		}
		return records.storesElsewhere(context.store(), context.entity(), List.of(current.key())).get(current.key());
	}

	/**
	 * Whether the record is bound on both sides and was last written the other way, which
	 * then succeeded.
	 */
	private static boolean writtenTheOtherWay(SyncDirection way, @Nullable SyncRecord binding) {
		return binding != null && binding.erpId() != null && binding.externalId() != null
				&& binding.status() == SyncStatus.PROCESSED && binding.lastDirection() == reverse(way);
	}

	/**
	 * Whether the other side changed since it was last synced: its current fingerprint is
	 * not the one last seen, or a change of it never reached this side (its last attempt
	 * failed, waits, or was filtered out).
	 */
	private static boolean otherSideChanged(SyncDirection way, SyncRecord binding, @Nullable SourceRecord other) {
		SyncDirection otherWay = reverse(way);
		String lastSeen = binding.sourceHash(otherWay);
		boolean changed = other != null && lastSeen != null && !other.fingerprint().equals(lastSeen);
		boolean undelivered = binding.lastDirection() == otherWay && UNDELIVERED.contains(binding.status());
		return changed || undelivered;
	}

	/**
	 * The other side's version, mapped the other way, is written onto this sync's source
	 * side, if that way's filtering conditions let it: it won a conflict, or (without
	 * one) it is the only side that changed.
	 */
	private Decision otherSideWins(SyncContext context, SyncItem item, SourceRecord other,
			@Nullable Conflict conflict) {
		SyncDirection otherWay = reverse(context.direction());
		Optional<FilterCondition> unmet = new RecordFilter(context.definition().filter(otherWay))
			.firstUnmet(other.fields());
		if (unmet.isPresent()) {
			String why = conflict != null ? conflict.reason(context.entity()) : "only the "
					+ (otherWay == SyncDirection.IMPORT ? "store" : "ERP") + " changed this " + context.entity();
			return Decision.decided(item, otherWay,
					Decision.Outcome.of(SyncStatus.FILTERED,
							why + ", but its version is not "
									+ (otherWay == SyncDirection.IMPORT ? "imported" : "exported") + ": "
									+ otherWay.label() + " filtering condition not met: " + unmet.get().describe()));
		}
		return mapped(context, item, other, otherWay, conflict);
	}

	/** The mapping rules of the way the record is written, and the write they make. */
	private Decision mapped(SyncContext context, SyncItem item, SourceRecord record, SyncDirection writeWay,
			@Nullable Conflict conflict) {
		EntityDefinition definition = context.definition();
		Map<String, @Nullable Object> payload = new LinkedHashMap<>();
		MappingContext references = writeWay == SyncDirection.EXPORT
				? new StoreReferences(context, records, erp, entity -> sentToStores.sends(entity, context.store()))
				: new ErpReferences(context, records, erp);
		try {
			for (MappingRule rule : definition.mapping(writeWay)) {
				rule.apply(references, record.fields(), payload);
			}
		}
		catch (RecordHeldException held) {
			return Decision.decided(item, writeWay, Decision.Outcome.of(SyncStatus.HELD,
					definition.entity() + " " + record.describe() + " held: " + held.getMessage()));
		}
		catch (RecordNotInStoreException elsewhere) {
			return Decision.decided(item, writeWay, Decision.Outcome.of(SyncStatus.FILTERED, definition.entity() + " "
					+ record.describe() + " is not for this store: " + elsewhere.getMessage()));
		}
		catch (RecordRejectedException rejected) {
			return Decision.decided(item, writeWay, Decision.Outcome.of(SyncStatus.FAILED,
					definition.entity() + " " + record.describe() + notWritten(writeWay) + rejected.getMessage()));
		}
		if (conflict != null && writeWay == SyncDirection.EXPORT) {
			// What the store holds now: the record this export overwrites.
			SourceRecord inStore = writeWay == context.direction() ? item.other() : item.current();
			conflict = conflict.replacing(inStore == null ? "" : Replaced.inStore(payload, inStore.fields()));
		}
		return Decision.write(item, writeWay, payload, conflict);
	}

	static String notWritten(SyncDirection way) {
		return way == SyncDirection.IMPORT ? " not imported: " : " not sent: ";
	}

	/**
	 * A record its source no longer has: DELETED, and the other side's record kept, or
	 * for an export deleted as {@code target.on-delete} says.
	 */
	private Decision gone(SyncContext context, SyncItem item) {
		EntityDefinition definition = context.definition();
		SyncDirection way = context.direction();
		SyncRecord binding = item.waiting().binding();
		if (way == SyncDirection.IMPORT) {
			String erpId = binding == null ? null : binding.erpId();
			return Decision.decided(item, way,
					Decision.Outcome.of(SyncStatus.DELETED,
							"no longer in store '" + context.store() + "'; "
									+ (erpId == null ? "it was never in the ERP"
											: "the ERP's " + definition.entity() + " " + erpId + " is kept")));
		}
		String reason = "no longer selected by the ERP query of " + definition.origin();
		String externalId = binding == null ? null : binding.externalId();
		if (externalId == null) {
			return Decision.decided(item, way,
					Decision.Outcome.of(SyncStatus.DELETED, reason + "; it was never in the store"));
		}
		String storeRecord = "the store's " + definition.target().resource() + " " + externalId;
		if (definition.target().onDelete() == OnDelete.DELETE) {
			return Decision.decided(item, way, Decision.Outcome.removed(externalId,
					reason + "; " + storeRecord + " was deleted (target.on-delete: delete)"));
		}
		return Decision.decided(item, way, Decision.Outcome.of(SyncStatus.DELETED,
				reason + "; " + storeRecord + " is kept (target.on-delete: keep)"));
	}

	/**
	 * Writes the records that need it, each the way its decision goes, then saves every
	 * outcome and takes the records off the backlog, in the caller's transaction; counts
	 * go to the context's tally.
	 */
	public void write(SyncContext context, List<Decision> decisions) {
		Map<String, Decision.Outcome> outcomes = new LinkedHashMap<>();
		List<Decision> exports = new ArrayList<>();
		List<Decision> imports = new ArrayList<>();
		List<Decision> removals = new ArrayList<>();
		for (Decision decision : decisions) {
			if (decision.needsWrite()) {
				(decision.way() == SyncDirection.IMPORT ? imports : exports).add(decision);
			}
			else {
				outcomes.put(decision.item().waiting().key(), decision.outcome());
				if (decision.needsRemoval()) {
					removals.add(decision);
				}
			}
		}
		toStore.remove(context, removals);
		StoreWriting.Written written = toStore.write(context, exports);
		outcomes.putAll(written.outcomes());
		outcomes.putAll(toErp.write(context, imports));
		save(context, decisions, outcomes);
		toStore.settled(context, written.pending());
	}

	/**
	 * Syncs these keys now, outside a job, whatever waits for them: reads their current
	 * state, decides, writes and saves in one transaction. Keys their source does not
	 * select are recorded DELETED if they were synced before, and otherwise left out.
	 * @return the outcome of each key attempted
	 */
	public Map<String, SyncStatus> syncNow(SyncContext context, Collection<String> keys) {
		SyncDirection way = context.direction();
		return Objects.requireNonNull(transaction.execute(status -> {
			Map<String, SyncRecord> bindings = records.byKeys(context.store(), context.entity(), way, keys);
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
			this.records.byKeys(context.store(), context.entity(), way, keys)
				.forEach((key, record) -> statuses.put(key, record.status()));
			return statuses;
		}));
	}

	private void save(SyncContext context, List<Decision> decisions, Map<String, Decision.Outcome> outcomes) {
		Instant now = clock.instant();
		List<SyncRecord> saved = new ArrayList<>();
		List<SyncRecord> newlyBound = new ArrayList<>();
		SyncDirection otherWay = reverse(context.direction());
		List<PreparedChange> done = new ArrayList<>();
		List<ConflictLog.Entry> settled = new ArrayList<>();
		Map<String, Long> tally = new HashMap<>();
		for (Decision decision : decisions) {
			WaitingRecord waiting = decision.item().waiting();
			Decision.Outcome outcome = Objects.requireNonNull(outcomes.get(waiting.key()));
			SyncRecord record = saved(context, decision, outcome, now);
			saved.add(record);
			SyncRecord before = waiting.binding();
			if (record.key(otherWay) != null && (before == null || before.key(otherWay) == null)) {
				newlyBound.add(record);
			}
			if (waiting.prepared()) {
				done.add(new PreparedChange(waiting.key(), Objects.requireNonNull(waiting.preparedFingerprint()),
						waiting.changedAt()));
			}
			Conflict conflict = outcome.conflict();
			if (conflict != null) {
				settled.add(new ConflictLog.Entry(context.store(), context.entity(), record.erpId(),
						record.externalId(), conflict.winner(), conflict.replaced(), now, context.jobExecutionId()));
				tally.merge(Tally.CONFLICTS, 1L, Long::sum);
			}
			tally.merge(outcome.tally(), 1L, Long::sum);
		}
		if (context.definition().importing() != null) {
			// Only an entity that imports has lines of one way without the other's key.
			records.uniteWithTheOtherWay(context.direction(), newlyBound);
		}
		records.save(context.direction(), saved);
		prepared.processed(scope(context), done);
		conflicts.record(settled);
		tally.forEach(context.tally()::add);
	}

	/**
	 * The history line after this attempt: what the outcome says, and what it does not
	 * say kept from before. Each side's fingerprint is the one it was last seen with: the
	 * source's as read now, the written side's as it was right after the write.
	 */
	private SyncRecord saved(SyncContext context, Decision decision, Decision.Outcome outcome, Instant now) {
		SyncDirection way = context.direction();
		SyncDirection otherWay = reverse(way);
		SyncItem item = decision.item();
		WaitingRecord waiting = item.waiting();
		SyncRecord before = waiting.binding();
		if (outcome.kept()) {
			return Objects.requireNonNull(before, "only a bound record is kept as it was");
		}
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
		String sourceHash = current != null ? current.fingerprint()
				: waiting.prepared() ? waiting.preparedFingerprint() : before == null ? null : before.sourceHash(way);
		String otherHash = before == null ? null : before.sourceHash(otherWay);
		if (outcome.written()) {
			SourceRecord after = outcome.after();
			if (decision.way() == way) {
				otherHash = after == null ? null : after.fingerprint();
			}
			else {
				sourceHash = after == null ? null : after.fingerprint();
				otherHash = item.other() == null ? otherHash : item.other().fingerprint();
			}
		}
		String erpId;
		String externalId;
		if (way == SyncDirection.EXPORT) {
			erpId = waiting.key();
			// A record deleted from the store is bound to nothing there: if it comes back
			// in the source, it is created again.
			externalId = outcome.operation() == LastOperation.DELETED_EXTERNALLY ? null
					: outcome.externalId() != null ? outcome.externalId() : before == null ? null : before.externalId();
		}
		else {
			externalId = waiting.key();
			erpId = outcome.erpId() != null ? outcome.erpId() : before == null ? null : before.erpId();
		}
		return new SyncRecord(context.store(), context.entity(), erpId, erpDescription(decision, outcome, way),
				externalId, status,
				outcome.operation() != null ? outcome.operation() : before == null ? null : before.lastOperation(),
				lastDirection(decision, outcome, before), way == SyncDirection.EXPORT ? sourceHash : otherHash,
				way == SyncDirection.EXPORT ? otherHash : sourceHash, attempts, outcome.reason(), now,
				// The change time it waited under, not a newer one: a record that failed
				// must stay behind the position of the walk that attempted it, or the
				// same run would read it again.
				context.jobExecutionId(), waiting.changedAt());
	}

	/**
	 * The way the record's last write went: an outcome that wrote nothing (the other side
	 * had this version already: the engine's own write coming back) keeps the way of the
	 * write before it, so that an export echoed back by a store's webhook still reads as
	 * the export it was.
	 */
	private static SyncDirection lastDirection(Decision decision, Decision.Outcome outcome,
			@Nullable SyncRecord before) {
		boolean nothingWritten = outcome.status() == SyncStatus.PROCESSED && outcome.operation() == null;
		return nothingWritten && before != null && before.lastDirection() != null ? before.lastDirection()
				: decision.way();
	}

	/**
	 * How the history names the record: the ERP's description (its query's description
	 * column), or, while the ERP does not have it, the store's.
	 */
	private static @Nullable String erpDescription(Decision decision, Decision.Outcome outcome, SyncDirection way) {
		SyncItem item = decision.item();
		SyncRecord before = item.waiting().binding();
		SourceRecord erpSide = way == SyncDirection.EXPORT ? item.current()
				: decision.way() == SyncDirection.IMPORT && outcome.written() ? outcome.after() : item.other();
		if (erpSide != null && erpSide.description() != null) {
			return erpSide.description();
		}
		if (before != null && before.erpDescription() != null) {
			return before.erpDescription();
		}
		return way == SyncDirection.IMPORT && item.current() != null ? item.current().description() : null;
	}

	private int scope(SyncContext context) {
		return scopes.id(context.store(), context.entity(), context.direction());
	}

	/** The system a sync going this way starts from. */
	private static PrimarySystem startsFrom(SyncDirection way) {
		return way == SyncDirection.IMPORT ? PrimarySystem.STORE : PrimarySystem.ERP;
	}

	static SyncDirection reverse(SyncDirection way) {
		return way == SyncDirection.IMPORT ? SyncDirection.EXPORT : SyncDirection.IMPORT;
	}

}
