package io.syncbatch.state;

/**
 * What one process attempt concluded for a record, written back to its sync record.
 *
 * @param sourceHash the fingerprint of the ERP row that was evaluated, so an unchanged row is not prepared again
 */
public record SyncOutcome(String erpId, String erpDescription, String sourceHash, SyncStatus status,
        String externalId, LastOperation lastOperation, String reason) {

    public static SyncOutcome processed(String erpId, String description, String hash, String externalId,
            LastOperation operation) {
        return new SyncOutcome(erpId, description, hash, SyncStatus.PROCESSED, externalId, operation, null);
    }

    public static SyncOutcome failed(String erpId, String description, String hash, String reason) {
        return new SyncOutcome(erpId, description, hash, SyncStatus.FAILED, null, null, reason);
    }

    public static SyncOutcome held(String erpId, String description, String hash, String reason) {
        return new SyncOutcome(erpId, description, hash, SyncStatus.HELD, null, null, reason);
    }

    public static SyncOutcome filtered(String erpId, String description, String hash, String reason) {
        return new SyncOutcome(erpId, description, hash, SyncStatus.FILTERED, null, null, reason);
    }

    public static SyncOutcome deleted(String erpId, String description, String hash, String reason) {
        return new SyncOutcome(erpId, description, hash, SyncStatus.DELETED, null, null, reason);
    }
}
