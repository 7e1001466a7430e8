package io.syncbatch.pipeline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.syncbatch.connector.AdoptionGuard;
import io.syncbatch.connector.CreateJournal;
import io.syncbatch.connector.OutgoingRecord;
import io.syncbatch.connector.StoreWrites;
import io.syncbatch.connector.WriteResult;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.history.PendingCreates;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncScopes;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.record.SourceRecord;
import io.syncbatch.storeread.StoreSource;

/**
 * The writes of a chunk that go to the store: the store's records deleted where the
 * definition says so, then every payload through the connector's write algorithm, with
 * what a create is about to send remembered before it is sent.
 */
@Component
class StoreWriting {

	private final StoreWrites stores;

	private final PendingCreates pendingCreates;

	private final SyncScopes scopes;

	private final SyncRecordRepository records;

	private final StoreSource storeSource;

	StoreWriting(StoreWrites stores, PendingCreates pendingCreates, SyncScopes scopes, SyncRecordRepository records,
			StoreSource storeSource) {
		this.stores = stores;
		this.pendingCreates = pendingCreates;
		this.scopes = scopes;
		this.records = records;
		this.storeSource = storeSource;
	}

	/**
	 * The outcomes of the writes by key, and the keys whose creates were remembered as
	 * about to be sent: they are settled once the outcomes are saved.
	 */
	record Written(Map<String, Decision.Outcome> outcomes, Set<String> pending) {
	}

	/**
	 * Deletes the store's records of these decisions ({@code target.on-delete: delete}).
	 */
	void remove(SyncContext context, List<Decision> removals) {
		if (!removals.isEmpty()) {
			stores.delete(context.store(), context.definition().target(), removals.stream()
				.map(decision -> Objects.requireNonNull(Objects.requireNonNull(decision.outcome()).externalId()))
				.toList());
		}
	}

	Written write(SyncContext context, List<Decision> toWrite) {
		Map<String, Decision.Outcome> outcomes = new LinkedHashMap<>();
		Set<String> pending = new HashSet<>();
		if (toWrite.isEmpty()) {
			return new Written(outcomes, pending);
		}
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
				toWrite.stream().map(decision -> outgoing(decision, sentBefore)).toList(), notBoundElsewhere(context),
				journal);
		Map<String, WriteResult> byKey = results.stream()
			.collect(Collectors.toMap(WriteResult::key, Function.identity(), (first, second) -> first));
		for (Decision decision : toWrite) {
			String key = decision.item().waiting().key();
			outcomes.put(key, outcome(context, decision, byKey.get(key)));
		}
		return new Written(outcomes, pending);
	}

	/**
	 * What a create remembered before it was sent no longer waits: its outcome is saved.
	 */
	void settled(SyncContext context, Set<String> pending) {
		pendingCreates.settled(scope(context), pending);
	}

	private Decision.Outcome outcome(SyncContext context, Decision decision, @Nullable WriteResult result) {
		if (result == null) {
			return Decision.Outcome.of(SyncStatus.FAILED, "the store connector returned no result for this record");
		}
		if (!result.succeeded()) {
			String error = Objects.requireNonNull(result.error());
			return result.forbidden() ? Decision.Outcome.failedUntilChanged(notSent(context, decision, error))
					: Decision.Outcome.of(SyncStatus.FAILED, error);
		}
		SourceRecord after = result.answer() == null || context.definition().importing() == null ? null
				: storeSource.record(context.definition(), context.store(), result.answer());
		Conflict conflict = decision.conflict();
		return Decision.Outcome.exported(Objects.requireNonNull(result.externalId()),
				Objects.requireNonNull(result.operation()), after, conflict,
				conflict == null ? null : conflict.reason(context.entity()));
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
		SourceRecord current = decision.way() == context.direction() ? decision.item().current()
				: decision.item().other();
		return context.definition().entity() + " "
				+ (current == null ? decision.item().waiting().key() : current.describe())
				+ RecordPipeline.notWritten(SyncDirection.EXPORT) + reason;
	}

	private int scope(SyncContext context) {
		return scopes.id(context.store(), context.entity(), context.direction());
	}

	/**
	 * The record as the store's writer takes it. An import's record that is written back
	 * to the store (the ERP won a conflict) is bound there already, so it is an update.
	 */
	private static OutgoingRecord outgoing(Decision decision, Map<String, Map<String, @Nullable Object>> sentBefore) {
		String key = decision.item().waiting().key();
		SyncRecord binding = decision.item().waiting().binding();
		return new OutgoingRecord(key, binding == null ? null : binding.externalId(),
				Objects.requireNonNull(decision.payload()), sentBefore.get(key));
	}

}
