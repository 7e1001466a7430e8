package io.syncbatch.connector;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.stereotype.Component;

import io.syncbatch.connector.ResourceReader.Page;
import io.syncbatch.connector.ResourceReader.StoreDocument;

/**
 * Reads from a store with retries: every read is a GET, safe to repeat after a timeout, a
 * reset connection or a 5xx. The platform's reader sends through the store's channel, so
 * rate limits and the in-flight limit are those of the writes.
 */
@Retryable(includes = TransientStoreException.class, maxRetriesString = "${syncbatch.retry.max-retries:4}",
		delayString = "${syncbatch.retry.initial-delay-ms:200}", multiplierString = "${syncbatch.retry.multiplier:2}",
		maxDelayString = "${syncbatch.retry.max-delay-ms:10000}")
@Component
public class StoreReads {

	private final StoreConnectors stores;

	private final StoreRetryMeter retries;

	StoreReads(StoreConnectors stores, StoreRetryMeter retries) {
		this.stores = stores;
		this.retries = retries;
	}

	/**
	 * One page of the resource's records changed since {@code since}, oldest change
	 * first.
	 */
	public Page changed(String store, String resource, @Nullable Instant since, @Nullable String cursor, int pageSize) {
		retries.attemptStarting();
		return stores.reader(store, resource).changed(since, cursor, pageSize);
	}

	/**
	 * The current documents of these store ids; ids the store no longer has are absent.
	 */
	public Map<String, StoreDocument> byIds(String store, String resource, Collection<String> ids) {
		retries.attemptStarting();
		return ids.isEmpty() ? Map.of() : stores.reader(store, resource).byIds(ids);
	}

}
