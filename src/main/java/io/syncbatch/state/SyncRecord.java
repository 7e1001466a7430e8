package io.syncbatch.state;

import java.time.Instant;

/** One line of the sync history: where a single ERP record stands with one store. */
public record SyncRecord(
        String store,
        String entity,
        String erpId,
        String erpDescription,
        String externalId,
        SyncStatus status,
        LastOperation lastOperation,
        String sourceHash,
        int attempts,
        String lastError,
        Instant preparedAt,
        Instant lastAttemptAt,
        Long jobExecutionId) {
}
