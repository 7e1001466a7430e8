package io.syncbatch.connector;

import java.util.List;

import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Component;

import io.syncbatch.definition.OnPlatform;
import io.syncbatch.definition.TargetSpec;

/**
 * Writes to a store with retries around the whole upsert, not around single HTTP
 * requests: after a timeout or a reset connection nobody knows whether the store created
 * the records, and a retried upsert first looks them up by natural key, so the store's
 * answer "already exists" turns into an update instead of a failure.
 */
@Retryable(includes = TransientStoreException.class, maxRetriesString = "${syncbatch.retry.max-retries:4}",
		delayString = "${syncbatch.retry.initial-delay-ms:200}", multiplierString = "${syncbatch.retry.multiplier:2}",
		maxDelayString = "${syncbatch.retry.max-delay-ms:10000}")
@Component
public class StoreWrites {

	private final StoreConnectors stores;

	private final StoreRetryMeter retries;

	StoreWrites(StoreConnectors stores, StoreRetryMeter retries) {
		this.stores = stores;
		this.retries = retries;
	}

	public List<WriteResult> upsert(String store, TargetSpec target, List<OutgoingRecord> records, AdoptionGuard guard,
			CreateJournal journal) {
		retries.attemptStarting();
		OnPlatform fields = target.on(stores.platform(store));
		// An earlier create's natural key was journaled as that create sent it, already
		// in the platform's names.
		List<OutgoingRecord> named = records.stream()
			.map(record -> new OutgoingRecord(record.key(), record.externalId(), fields.outgoing(record.payload()),
					record.sentBefore()))
			.toList();
		return stores.upsert(store, target.resource(), named, guard, journal);
	}

	/**
	 * Deletes these store records; one the store no longer has is no error, so a retry
	 * after a lost answer, or a restart, deletes nothing twice.
	 */
	public void delete(String store, TargetSpec target, List<String> externalIds) {
		retries.attemptStarting();
		stores.delete(store, target.resource(), externalIds);
	}

}
