package io.syncbatch.erpwrite;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.history.LastOperation;

import java.time.LocalDateTime;

import io.syncbatch.history.LastOperation;

/**
 * What an import did in the ERP.
 *
 * @param localId the ERP record's key
 * @param operation {@link LastOperation#INSERTED_LOCALLY} or
 * {@link LastOperation#UPDATED_LOCALLY}; null when the ERP record already held every
 * value, and nothing was written
 * @param writtenAt the change time it wrote, by which a later export recognises its own
 * write
 * @param replaced the values the write replaced, column by column ("Phone1" → its old and
 * new value), so that nothing is overwritten without a trace
 * @param readBack what the caller read of the record inside the write's transaction (the
 * entity's generic inquiry row, whose fingerprint an export compares), or null
 * @param found how the ERP record was found, or that it was made
 */
public record ErpWrite(String localId, @Nullable LastOperation operation, LocalDateTime writtenAt,
		Map<String, Change> replaced, @Nullable Object readBack, Found found) {

	/** How the ERP record written was found. */
	public enum Found {

		/** Inserted by this write. */
		INSERTED,
		/**
		 * Bound to the store record in the ERP ({@code BCSyncStatus}): imported before.
		 */
		BOUND_IN_ERP,
		/** Bound to it by the sync history only: an ERP record the export sent there. */
		BOUND_IN_HISTORY,
		/** Matched by the target's match column, and bound now. */
		MATCHED

	}

	public ErpWrite {
		replaced = Collections.unmodifiableMap(new LinkedHashMap<>(replaced));
	}

	/** A column's value before and after the write. */
	public record Change(@Nullable Object before, @Nullable Object after) {
	}

}
