package io.syncbatch.target.bigcommerce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;

import io.syncbatch.definition.TargetSpec;
import io.syncbatch.state.LastOperation;
import io.syncbatch.target.StoreEndpoint;
import io.syncbatch.target.StoreRejectedException;
import io.syncbatch.target.TargetConnector;
import io.syncbatch.target.TargetRecord;
import io.syncbatch.target.WriteResult;
import tools.jackson.databind.JsonNode;

/**
 * BigCommerce v3 batch resources ({@code POST}/{@code PUT /customers} take up to 10 records per request).
 *
 * <p>Nothing is created twice: a record without an external id is first looked up by its natural key (the
 * customer's email), because the store may have accepted it in a run that was killed before the external id
 * was committed. One bad record makes BigCommerce refuse its whole batch, so a refused batch is retried record
 * by record to keep the good ones and give the bad one the store's own message.
 */
public final class BigCommerceConnector implements TargetConnector {

    static final int BATCH_LIMIT = 10;

    private final StoreEndpoint endpoint;
    private final BigCommerceHttp http;

    public BigCommerceConnector(StoreEndpoint endpoint, BigCommerceHttp http) {
        this.endpoint = endpoint;
        this.http = http;
    }

    @Override
    public List<WriteResult> upsert(TargetSpec target, List<TargetRecord> records) {
        String path = "/" + target.resource();
        List<TargetRecord> creates = new ArrayList<>();
        List<TargetRecord> updates = new ArrayList<>();
        Map<String, String> alreadyInStore = idsByNaturalKey(path, target.naturalKey(),
                records.stream().filter(record -> record.externalId() == null).toList());
        for (TargetRecord record : records) {
            if (record.externalId() != null) {
                updates.add(record);
                continue;
            }
            String existing = alreadyInStore.get(naturalKey(record, target.naturalKey()));
            if (existing != null) {
                updates.add(record.withExternalId(existing));
            }
            else {
                creates.add(record);
            }
        }
        List<WriteResult> results = new ArrayList<>();
        for (List<TargetRecord> batch : batches(creates)) {
            results.addAll(write(HttpMethod.POST, path, target.naturalKey(), batch));
        }
        for (List<TargetRecord> batch : batches(updates)) {
            results.addAll(write(HttpMethod.PUT, path, target.naturalKey(), batch));
        }
        return results;
    }

    private List<WriteResult> write(HttpMethod method, String path, String naturalKey, List<TargetRecord> batch) {
        boolean create = method == HttpMethod.POST;
        List<Map<String, Object>> body = batch.stream().map(record -> bodyOf(record, create)).toList();
        JsonNode response;
        try {
            response = http.send(endpoint, method, path, Map.of(), body);
        }
        catch (StoreRejectedException refused) {
            if (batch.size() == 1) {
                return List.of(WriteResult.rejected(batch.get(0).erpId(),
                        "the store refused it: " + refused.getMessage()));
            }
            List<WriteResult> isolated = new ArrayList<>();
            for (TargetRecord record : batch) {
                isolated.addAll(write(method, path, naturalKey, List.of(record)));
            }
            return isolated;
        }
        Map<String, String> ids = idsOf(response.path("data"), naturalKey);
        LastOperation operation = create ? LastOperation.INSERTED_EXTERNALLY : LastOperation.UPDATED_EXTERNALLY;
        return batch.stream().map(record -> {
            String id = ids.getOrDefault(naturalKey(record, naturalKey), record.externalId());
            return id == null
                    ? WriteResult.rejected(record.erpId(), "the store accepted the batch but returned no id for "
                            + naturalKey + " " + record.payload().get(naturalKey))
                    : WriteResult.written(record.erpId(), id, operation);
        }).toList();
    }

    private Map<String, String> idsByNaturalKey(String path, String naturalKey, List<TargetRecord> records) {
        Map<String, String> ids = new HashMap<>();
        for (List<TargetRecord> batch : batches(records)) {
            String values = batch.stream().map(record -> String.valueOf(record.payload().get(naturalKey)))
                    .collect(Collectors.joining(","));
            JsonNode found = http.send(endpoint, HttpMethod.GET,
                    path + "?" + naturalKey + ":in={values}&limit={limit}",
                    Map.of("values", values, "limit", BATCH_LIMIT), null);
            ids.putAll(idsOf(found.path("data"), naturalKey));
        }
        return ids;
    }

    private static Map<String, Object> bodyOf(TargetRecord record, boolean create) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (!create) {
            body.put("id", Integer.valueOf(record.externalId()));
        }
        body.putAll(record.payload());
        return body;
    }

    private static Map<String, String> idsOf(JsonNode data, String naturalKey) {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode item : data) {
            ids.put(item.path(naturalKey).asString("").toLowerCase(Locale.ROOT), item.path("id").asString());
        }
        return ids;
    }

    private static String naturalKey(TargetRecord record, String naturalKey) {
        return String.valueOf(record.payload().get(naturalKey)).toLowerCase(Locale.ROOT);
    }

    private static List<List<TargetRecord>> batches(List<TargetRecord> records) {
        List<List<TargetRecord>> batches = new ArrayList<>();
        for (int from = 0; from < records.size(); from += BATCH_LIMIT) {
            batches.add(records.subList(from, Math.min(records.size(), from + BATCH_LIMIT)));
        }
        return batches;
    }
}
