package io.syncbatch.connector;

import org.jspecify.annotations.Nullable;

import io.syncbatch.history.LastOperation;

/**
 * What the store did with one record: its id and how it was written, or the reason it was
 * not.
 *
 * @param key the record's id on the side it comes from, as in its {@link OutgoingRecord}
 */
public record WriteResult(String key, @Nullable String externalId, @Nullable LastOperation operation,
		@Nullable String error) {

	public static WriteResult written(String key, String externalId, LastOperation operation) {
		return new WriteResult(key, externalId, operation, null);
	}

	public static WriteResult rejected(String key, String error) {
		return new WriteResult(key, null, null, error);
	}

	public boolean succeeded() {
		return error == null;
	}

}
