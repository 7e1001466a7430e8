package io.syncbatch.target;

import java.util.List;

import io.syncbatch.definition.TargetSpec;

/** A store platform as the process step sees it. */
public interface TargetConnector {

    /**
     * Creates or updates the records, one result per record. A record the store rejects gets a failed result
     * and does not stop the others.
     *
     * @throws TransientTargetException when the store could not be reached even after retries: the caller's
     *         chunk rolls back and the records stay PREPARED for the restart
     */
    List<WriteResult> upsert(TargetSpec target, List<TargetRecord> records);
}
