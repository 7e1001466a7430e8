package io.syncbatch.connector;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.ResourceReader.StoreDocument;
import io.syncbatch.history.LastOperation;

/**
 * What the store did with one record: its id and how it was written, or the reason it was
 * not.
 *
 * @param key the record's id on the side it comes from, as in its {@link OutgoingRecord}
 * @param forbidden the record was not sent because the platform's contract forbids what
 * it holds: sending it again unchanged cannot succeed
 * @param answer the store record as the store answered the write, where the platform
 * reads that resource: what the store holds right after this write, so that an import
 * reading it back recognises the engine's own write
 */
public record WriteResult(String key, @Nullable String externalId, @Nullable LastOperation operation,
		@Nullable String error, boolean forbidden, @Nullable StoreDocument answer) {

	public static WriteResult written(String key, String externalId, LastOperation operation) {
		return written(key, externalId, operation, null);
	}

	public static WriteResult written(String key, String externalId, LastOperation operation,
			@Nullable StoreDocument answer) {
		return new WriteResult(key, externalId, operation, null, false, answer);
	}

	public static WriteResult rejected(String key, String error) {
		return new WriteResult(key, null, null, error, false, null);
	}

	/**
	 * Not sent: the platform's published contract forbids it
	 * ({@link ResourceWriter#forbidden}).
	 */
	public static WriteResult forbidden(String key, String reason) {
		return new WriteResult(key, null, null, reason, true, null);
	}

	public boolean succeeded() {
		return error == null;
	}

}
