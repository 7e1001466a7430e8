package io.syncbatch.state;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One line of the sync history: where a single ERP record stands with one store.
 *
 * @param changedAt the ERP's change time when the record was last prepared: the process step goes oldest first
 */
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
        Long jobExecutionId,
        LocalDateTime changedAt) {
}
