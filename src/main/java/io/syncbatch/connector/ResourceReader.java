package io.syncbatch.connector;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;

/**
 * How records of one store resource are read, for imports: in pages of what changed since
 * a time, by the store's own modification date, and by store id.
 */
public interface ResourceReader {

	/**
	 * One page of the records changed since {@code since} (all when null), oldest change
	 * first.
	 * @param cursor where the previous page ended ({@link Page#next()}), or null for the
	 * first page
	 */
	Page changed(@Nullable Instant since, @Nullable String cursor, int pageSize);

	/**
	 * The current documents of these store ids; ids the store no longer has are absent.
	 */
	Map<String, StoreDocument> byIds(Collection<String> ids);

	/**
	 * Whether the store keeps a modification date for these records, so that a run can
	 * select them by it; a resource without one is read in full every time.
	 */
	default boolean dated() {
		return true;
	}

	/**
	 * A store record as read: its id, when the store last changed it, and its fields,
	 * without the change time: equal fields mean nothing worth importing changed.
	 */
	record StoreDocument(String id, @Nullable Instant changedAt, DataRecord fields) {
	}

	/**
	 * @param next where the next page starts, or null after the last page
	 */
	record Page(List<StoreDocument> documents, @Nullable String next) {
	}

}
