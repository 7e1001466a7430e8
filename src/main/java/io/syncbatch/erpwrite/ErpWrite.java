package io.syncbatch.erpwrite;

import java.time.LocalDateTime;

import io.syncbatch.history.LastOperation;

/**
 * What an import did in the ERP.
 *
 * @param localId the ERP record's key
 * @param operation {@link LastOperation#INSERTED_LOCALLY} or
 * {@link LastOperation#UPDATED_LOCALLY}
 * @param writtenAt the change time it wrote, by which a later export recognises its own
 * write
 */
public record ErpWrite(String localId, LastOperation operation, LocalDateTime writtenAt) {
}
