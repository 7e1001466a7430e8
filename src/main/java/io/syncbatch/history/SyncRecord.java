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

	/**
	 * Its key for a sync going this way: the ERP id for an export, the store id for an
	 * import; null while that side does not have it.
	 */
	public @Nullable String key(SyncDirection way) {
		return way == SyncDirection.IMPORT ? externalId : erpId;
	}

	/** The fingerprint of the side a sync going this way starts from, as last seen. */
	public @Nullable String sourceHash(SyncDirection way) {
		return way == SyncDirection.IMPORT ? storeHash : erpHash;
	}

	/**
	 * A record that waits as prepared and has no binding yet: what the history shows of
	 * it.
	 */
	public static SyncRecord waiting(String store, String entity, SyncDirection way, String key,
			@Nullable String fingerprint) {
		boolean imported = way == SyncDirection.IMPORT;
		return new SyncRecord(store, entity, imported ? null : key, null, imported ? key : null, SyncStatus.PREPARED,
				null, way, imported ? null : fingerprint, imported ? fingerprint : null, 0, null, null, null, null);
	}

	/** This binding as the history shows it while it waits as prepared to go this way. */
	public SyncRecord waitingAgain(SyncDirection way) {
		return new SyncRecord(store, entity, erpId, erpDescription, externalId, SyncStatus.PREPARED, lastOperation, way,
				erpHash, storeHash, attempts, lastError, lastAttemptAt, jobExecutionId, changedAt);
	}

	/**
	 * This binding with another status and reason for syncs going this way, its attempts
	 * afresh (an operator's doing).
	 */
	public SyncRecord withOutcome(SyncDirection way, SyncStatus newStatus, String reason, Instant at) {
		return new SyncRecord(store, entity, erpId, erpDescription, externalId, newStatus, lastOperation, way, erpHash,
				storeHash, 0, reason, at, jobExecutionId, changedAt);
	}

}
