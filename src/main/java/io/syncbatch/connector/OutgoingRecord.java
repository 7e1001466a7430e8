package io.syncbatch.connector;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A mapped record on its way to the store.
 *
 * @param key the record's id on the side it comes from (the ERP id of an export)
 * @param externalId the store's id of it, or null until the store has assigned one
 * @param payload the fields the mapping rules filled, nested where the store's API nests
 * them
 * @param sentBefore the natural key an earlier create of this record sent, when that
 * create's outcome was never recorded (its answer was lost with the process); the store
 * may have the record under that key
 */
public record OutgoingRecord(String key, @Nullable String externalId, Map<String, @Nullable Object> payload,
		@Nullable Map<String, @Nullable Object> sentBefore) {

	public OutgoingRecord(String key, @Nullable String externalId, Map<String, @Nullable Object> payload) {
		this(key, externalId, payload, null);
	}

	public OutgoingRecord withExternalId(String id) {
		return new OutgoingRecord(key, id, payload, sentBefore);
	}

}
