package io.syncbatch.target;

import io.syncbatch.state.LastOperation;

/** What the store did with one record: its id and how it was written, or the store's reason for refusing it. */
public record WriteResult(String erpId, String externalId, LastOperation operation, String error) {

    public static WriteResult written(String erpId, String externalId, LastOperation operation) {
        return new WriteResult(erpId, externalId, operation, null);
    }

    public static WriteResult rejected(String erpId, String error) {
        return new WriteResult(erpId, null, null, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
