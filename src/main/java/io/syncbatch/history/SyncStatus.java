package io.syncbatch.history;

import io.syncbatch.record.UntrustedText;

/** Acumatica's documented sync statuses (see README, "Sync history"). */
public enum SyncStatus {

	PREPARED, PROCESSED, FAILED, ABORTED, FILTERED, SKIPPED, INVALID, DELETED,
	/**
	 * Waiting for a record it refers to (a sales order's customer) to reach the store;
	 * retried by every run.
	 */
	HELD;

	/** As an operator types it ({@code failed}, {@code FAILED}). */
	public static SyncStatus parse(String text) {
		return UntrustedText.constant(SyncStatus.class, "status", text, "is not a sync status");
	}

}
