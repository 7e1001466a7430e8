package io.syncbatch.definition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;

/**
 * How one platform differs for a definition. Its store fields may be named differently
 * from the names the mapping rules fill (which are those of the first platform,
 * BigCommerce): a customer's {@code first_name} is Magento's {@code firstname}. Written
 * records are renamed on their way out and store documents read back on their way in, so
 * the rules, the history and the fingerprints keep one vocabulary whatever the store. And
 * a bidirectional entity may go one way only on a platform that cannot yet carry all it
 * needs back.
 *
 * @param rename the definition's field → the platform's, both ways
 * @param omit fields not sent to this platform's resource, which keeps them elsewhere
 * (Magento keeps a customer's phone on its addresses, and shows the default billing
 * address's as the customer's): said in the definition, so that nothing is dropped
 * without the file saying so. They are still read, under their renamed names.
 * @param direction the one way a bidirectional entity goes on this platform, or null for
 * the definition's own direction
 */
public record OnPlatform(Map<String, String> rename, List<String> omit, @Nullable SyncDirection direction) {

	public static final OnPlatform SAME = new OnPlatform(Map.of(), List.of(), null);

	public OnPlatform(@Nullable Map<String, String> rename, @Nullable List<String> omit,
			@Nullable SyncDirection direction) {
		this.rename = rename == null ? Map.of() : Map.copyOf(rename);
		this.omit = omit == null ? List.of() : List.copyOf(omit);
		this.direction = direction;
	}

	/** A record's fields as the platform names them. */
	public Map<String, @Nullable Object> outgoing(Map<String, @Nullable Object> payload) {
		if (rename.isEmpty() && omit.isEmpty()) {
			return payload;
		}
		Map<String, @Nullable Object> renamed = new LinkedHashMap<>();
		payload.forEach((field, value) -> {
			if (!omit.contains(field)) {
				renamed.put(rename.getOrDefault(field, field), value);
			}
		});
		return renamed;
	}

	/** A store document's fields as the definition names them. */
	public DataRecord incoming(DataRecord document) {
		if (rename.isEmpty()) {
			return document;
		}
		Map<String, String> back = new LinkedHashMap<>();
		rename.forEach((ours, theirs) -> back.put(theirs.toLowerCase(java.util.Locale.ROOT), ours));
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		document.fields()
			.forEach((field, value) -> fields.put(back.getOrDefault(field.toLowerCase(java.util.Locale.ROOT), field),
					value));
		return DataRecord.of(fields);
	}

}
