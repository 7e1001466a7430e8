package io.syncbatch.state;

/** Acumatica's documented sync statuses (see README, "Sync history"). */
public enum SyncStatus {
    PREPARED, PROCESSED, FAILED, ABORTED, FILTERED, SKIPPED, INVALID, DELETED
}
