package io.syncbatch.ops;

import org.jspecify.annotations.Nullable;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.record.UntrustedText;

/**
 * The {@code limit} of a history page: the default when absent, never over the maximum.
 */
record HistoryPaging(SyncbatchProperties.HistoryPaging settings) {

	int limit(@Nullable String requested) {
		if (requested == null) {
			return settings.defaultSize();
		}
		int limit;
		try {
			limit = Integer.parseInt(requested.trim());
		}
		catch (NumberFormatException e) {
			limit = 0;
		}
		if (limit < 1 || limit > settings.maxSize()) {
			throw new IllegalArgumentException("parameter 'limit': " + UntrustedText.quoted(requested)
					+ " is not a page size from 1 to " + settings.maxSize() + " (syncbatch.api.history.max-size)");
		}
		return limit;
	}

}
