package io.syncbatch.history;

import java.time.Instant;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

import io.syncbatch.definition.SyncDirection;

/**
 * One line of the sync history: the binding between an ERP record and a store record, and
 * where it stands. Either id may be missing: an ERP record not yet in the store, or (on
 * import) a store record not yet in the ERP.
 *
 * @param erpHash fingerprint of the ERP record as last synced
 * @param storeHash fingerprint of the store record as last synced, when the platform
 * answered with it
 * @param lastDirection which way the last attempt went
 * @param changedAt the source's change time when it was last processed: the backlog goes
 * oldest first
 */
public record SyncRecord(String store, String entity, @Nullable String erpId, @Nullable String erpDescription,
		@Nullable String externalId, SyncStatus status, @Nullable LastOperation lastOperation,
		@Nullable SyncDirection lastDirection, @Nullable String erpHash, @Nullable String storeHash, int attempts,
		@Nullable String lastError, @Nullable Instant lastAttemptAt, @Nullable Long jobExecutionId,
		@Nullable LocalDateTime changedAt) {

	/**
	 * The longest ERP id (or store id) the history keeps: the width of
	 * {@code sync_record.erp_id} and {@code sync_prepared.source_key}.
	 */
	public static final int LONGEST_KEY = 128;

}
