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
 */
public record OutgoingRecord(String key, @Nullable String externalId, Map<String, @Nullable Object> payload) {

	public OutgoingRecord withExternalId(String id) {
		return new OutgoingRecord(key, id, payload);
	}

}
