package io.syncbatch.storeread;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.SourceRecord;

/**
 * One page of store records changed since a time, oldest change first.
 *
 * @param next where the next page starts, or null after the last one
 */
public record StorePage(List<SourceRecord> records, @Nullable String next) {

	public StorePage {
		records = List.copyOf(records);
	}

}
