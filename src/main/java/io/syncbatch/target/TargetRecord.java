package io.syncbatch.target;

import java.util.Map;

/** A mapped record on its way to the store; {@code externalId} is null until the store has assigned one. */
public record TargetRecord(String erpId, String externalId, Map<String, Object> payload) {

    public TargetRecord withExternalId(String id) {
        return new TargetRecord(erpId, id, payload);
    }
}
