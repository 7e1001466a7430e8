package io.syncbatch.record;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A record as read from the side a sync starts from (the ERP for an export, the store for
 * an import), with what the engine needs to know about it besides its fields.
 *
 * @param key the record's id on its own side (the ERP id of an export, the store id of an
 * import)
 * @param description shown beside the key in the sync history
 * @param changedAt when its side last changed it; the incremental watermark and the
 * backlog's order
 * @param fingerprint of its fields without the change time: equal fingerprints mean
 * nothing worth syncing changed
 */
public record SourceRecord(String key, @Nullable String description, @Nullable LocalDateTime changedAt,
		DataRecord fields, String fingerprint) {

	/** {@code KEY (description)}, as the history and refusals name a record. */
	public String describe() {
		return description == null ? key : key + " (" + description + ")";
	}

}
