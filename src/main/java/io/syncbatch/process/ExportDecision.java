package io.syncbatch.process;

import java.util.Map;

import io.syncbatch.state.SyncOutcome;
import io.syncbatch.target.TargetRecord;

/**
 * What the processor concluded for one record: either a payload for the store, or an outcome that needs no
 * store call (filtered, rejected by a mapping rule, gone from the ERP).
 */
public record ExportDecision(ExportItem item, Map<String, Object> payload, SyncOutcome outcome) {

    public static ExportDecision send(ExportItem item, Map<String, Object> payload) {
        return new ExportDecision(item, payload, null);
    }

    public static ExportDecision decided(ExportItem item, SyncOutcome outcome) {
        return new ExportDecision(item, null, outcome);
    }

    public boolean needsStore() {
        return outcome == null;
    }

    public TargetRecord toTargetRecord() {
        return new TargetRecord(item.record().erpId(), item.record().externalId(), payload);
    }
}
