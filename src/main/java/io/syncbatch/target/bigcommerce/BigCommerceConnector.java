package io.syncbatch.target.bigcommerce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.MDC;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.syncbatch.definition.TargetSpec;
import io.syncbatch.state.LastOperation;
import io.syncbatch.target.StoreEndpoint;
import io.syncbatch.target.StoreRejectedException;
import io.syncbatch.target.TargetConnector;
import io.syncbatch.target.TargetRecord;
import io.syncbatch.target.TransientTargetException;
import io.syncbatch.target.WriteResult;
import io.syncbatch.target.bigcommerce.BigCommerceResource.Write;
import tools.jackson.databind.JsonNode;

/**
 * Writes records to a BigCommerce store, each resource the way its contract allows ({@link BigCommerceResources}).
 *
 * <p>Nothing is created twice: the store may have accepted a record in a run that was killed before its external
 * id was committed. Where the store itself refuses a duplicate (a customer's email), a create is sent as is and
 * only a refused batch is looked up, its known records updated instead; elsewhere a record without external id is
 * looked up before it is created. One bad record makes BigCommerce refuse a whole batch, so a refused batch is
 * retried record by record to keep the good ones and give the bad one the store's own message.
 *
 * <p>The batches of a chunk go out concurrently, at most {@link StoreEndpoint#concurrency()} at a time: a store
 * that takes 50 ms a request is otherwise idle most of the time. The call returns when every request has been
 * answered, so a retry of the whole call never overlaps a request still in flight.
 */
public final class BigCommerceConnector implements TargetConnector {

    static final int BATCH_LIMIT = 10;
    private static final int PAGE_LIMIT = 250;
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([a-z_]+)}");

    private final StoreEndpoint endpoint;
    private final BigCommerceHttp http;
    private final ExecutorService requests;

    public BigCommerceConnector(StoreEndpoint endpoint, BigCommerceHttp http) {
        this.endpoint = endpoint;
        this.http = http;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("store-" + endpoint.name() + "-");
        threads.setDaemon(true);
        this.requests = Executors.newFixedThreadPool(endpoint.concurrency(), threads);
    }

    /** Fails a launch early when a definition names a resource this connector cannot write. */
    public static void checkResource(TargetSpec target) {
        BigCommerceResources.named(target.resource());
    }

    @Override
    public List<WriteResult> upsert(TargetSpec target, List<TargetRecord> records) {
        BigCommerceResource resource = BigCommerceResources.named(target.resource());
        List<WriteResult> results = new ArrayList<>();
        if (resource.create() == Write.IN_PLACE) {
            records.forEach(record -> results.add(writeInPlace(resource, record)));
            return results;
        }
        Map<String, String> alreadyInStore = resource.lookup().enforced() ? Map.of() : lookup(resource,
                records.stream().filter(record -> record.externalId() == null).toList());
        List<TargetRecord> creates = new ArrayList<>();
        List<TargetRecord> updates = new ArrayList<>();
        for (TargetRecord record : records) {
            String id = record.externalId() != null ? record.externalId() : alreadyInStore.get(record.erpId());
            if (id == null) {
                creates.add(record);
            }
            else {
                updates.add(record.withExternalId(id));
            }
        }
        if (resource.create() == Write.BATCH) {
            results.addAll(concurrently(batches(creates), batch -> writeBatch(resource, HttpMethod.POST, batch)));
        }
        else {
            creates.forEach(record -> results.add(createOne(resource, record)));
        }
        if (resource.update() == Write.BATCH) {
            results.addAll(concurrently(batches(updates), batch -> writeBatch(resource, HttpMethod.PUT, batch)));
        }
        else {
            updates.forEach(record -> results.add(updateById(resource, record)));
        }
        return results;
    }

    private List<WriteResult> writeBatch(BigCommerceResource resource, HttpMethod method, List<TargetRecord> batch) {
        boolean create = method == HttpMethod.POST;
        List<Map<String, Object>> body = batch.stream()
                .map(record -> bodyOf(resource, record.payload(), create ? null : record.externalId(), create))
                .toList();
        JsonNode response;
        try {
            response = http.send(endpoint, method, resource.path(), Map.of(), body);
        }
        catch (StoreRejectedException refused) {
            return refused(resource, method, batch, refused);
        }
        List<JsonNode> answered = items(response);
        LastOperation operation = create ? LastOperation.INSERTED_EXTERNALLY : LastOperation.UPDATED_EXTERNALLY;
        return batch.stream().map(record -> {
            String id = create ? idOfMatching(resource, record.payload(), answered) : record.externalId();
            return id == null
                    ? WriteResult.rejected(record.erpId(), "the store accepted the batch but returned no id for "
                            + describeKey(resource, record.payload()))
                    : WriteResult.written(record.erpId(), id, operation);
        }).toList();
    }

    private List<WriteResult> refused(BigCommerceResource resource, HttpMethod method, List<TargetRecord> batch,
            StoreRejectedException refused) {
        if (method == HttpMethod.POST && resource.lookup().enforced()) {
            // Some may be in the store already: created before a crash, or by someone else. Those are updated.
            Map<String, String> inStore = lookup(resource, batch);
            if (!inStore.isEmpty()) {
                List<WriteResult> results = new ArrayList<>(writeBatch(resource, HttpMethod.PUT, batch.stream()
                        .filter(record -> inStore.containsKey(record.erpId()))
                        .map(record -> record.withExternalId(inStore.get(record.erpId()))).toList()));
                List<TargetRecord> rest = batch.stream().filter(record -> !inStore.containsKey(record.erpId()))
                        .toList();
                if (!rest.isEmpty()) {
                    results.addAll(writeBatch(resource, HttpMethod.POST, rest));
                }
                return results;
            }
        }
        if (batch.size() == 1) {
            return List.of(refusedBy(batch.get(0), refused));
        }
        List<WriteResult> isolated = new ArrayList<>();
        for (TargetRecord record : batch) {
            isolated.addAll(writeBatch(resource, method, List.of(record)));
        }
        return isolated;
    }

    /** Writes the batches at most {@code concurrency} at a time, and returns once every one has been answered. */
    private List<WriteResult> concurrently(List<List<TargetRecord>> batches,
            Function<List<TargetRecord>, List<WriteResult>> write) {
        if (batches.size() <= 1) {
            return batches.isEmpty() ? List.of() : write.apply(batches.get(0));
        }
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        List<Future<List<WriteResult>>> pending = batches.stream().map(batch -> requests.submit(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                return write.apply(batch);
            }
            finally {
                MDC.clear();
            }
        })).toList();
        List<WriteResult> results = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<List<WriteResult>> request : pending) {
            try {
                results.addAll(request.get());
            }
            catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new TransientTargetException("a store request failed: " + e.getCause(), e.getCause());
                }
            }
            catch (InterruptedException e) {
                pending.forEach(other -> other.cancel(true));
                Thread.currentThread().interrupt();
                throw new TransientTargetException("interrupted while waiting for the store", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    private WriteResult createOne(BigCommerceResource resource, TargetRecord record) {
        try {
            Map<String, Object> payload = resource.shipsOrderItems()
                    ? new OrderShipmentItems(http, endpoint).resolve(record.payload())
                    : record.payload();
            JsonNode response = http.send(endpoint, HttpMethod.POST, resource.path(), pathVariables(resource, payload),
                    bodyOf(resource, payload, null, true));
            String id = items(response).stream().findFirst().map(item -> item.path("id").asString("")).orElse("");
            return id.isEmpty()
                    ? WriteResult.rejected(record.erpId(), "the store accepted it but returned no id")
                    : WriteResult.written(record.erpId(), id, LastOperation.INSERTED_EXTERNALLY);
        }
        catch (StoreRejectedException refused) {
            return refusedBy(record, refused);
        }
    }

    private WriteResult updateById(BigCommerceResource resource, TargetRecord record) {
        Map<String, Object> variables = new HashMap<>(pathVariables(resource, record.payload()));
        variables.put("id", record.externalId());
        try {
            http.send(endpoint, HttpMethod.PUT, resource.path() + "/{id}", variables,
                    bodyOf(resource, record.payload(), null, false));
            return WriteResult.written(record.erpId(), record.externalId(), LastOperation.UPDATED_EXTERNALLY);
        }
        catch (StoreRejectedException refused) {
            return refusedBy(record, refused);
        }
    }

    private WriteResult writeInPlace(BigCommerceResource resource, TargetRecord record) {
        Map<String, Object> variables = pathVariables(resource, record.payload());
        try {
            http.send(endpoint, HttpMethod.PUT, resource.path(), variables, bodyOf(resource, record.payload(), null,
                    false));
            String owner = String.valueOf(variables.values().iterator().next());
            return WriteResult.written(record.erpId(), owner, LastOperation.UPDATED_EXTERNALLY);
        }
        catch (StoreRejectedException refused) {
            return refusedBy(record, refused);
        }
    }

    /** ERP id → store id of the records the store already has. */
    private Map<String, String> lookup(BigCommerceResource resource, List<TargetRecord> records) {
        Map<String, String> found = new HashMap<>();
        if (resource.lookup().none() || records.isEmpty()) {
            return found;
        }
        if (resource.lookup().batched()) {
            Map.Entry<String, String> filter = resource.lookup().query().entrySet().iterator().next();
            for (List<TargetRecord> batch : batches(records)) {
                String values = batch.stream().map(record -> text(record.payload().get(filter.getValue())))
                        .distinct().collect(Collectors.joining(","));
                List<JsonNode> candidates = pages(resource.path() + "?" + filter.getKey() + "={values}",
                        Map.of("values", values));
                batch.forEach(record -> remember(found, record, idOfMatching(resource, record.payload(), candidates)));
            }
            return found;
        }
        for (TargetRecord record : records) {
            StringBuilder query = new StringBuilder();
            Map<String, Object> variables = new HashMap<>(pathVariables(resource, record.payload()));
            resource.lookup().query().forEach((parameter, field) -> {
                query.append(query.isEmpty() ? "?" : "&").append(parameter).append("={").append(field).append('}');
                variables.put(field, record.payload().get(field));
            });
            List<JsonNode> candidates = pages(resource.path() + query, variables);
            remember(found, record, idOfMatching(resource, record.payload(), candidates));
        }
        return found;
    }

    private static void remember(Map<String, String> found, TargetRecord record, String id) {
        if (id != null) {
            found.put(record.erpId(), id);
        }
    }

    /** Every item a lookup returns, page by page, so a customer with many orders is still searched in full. */
    private List<JsonNode> pages(String pathAndQuery, Map<String, Object> variables) {
        List<JsonNode> all = new ArrayList<>();
        String paged = pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "limit={limit}&page={page}";
        for (int page = 1; ; page++) {
            Map<String, Object> pageVariables = new HashMap<>(variables);
            pageVariables.put("limit", PAGE_LIMIT);
            pageVariables.put("page", page);
            List<JsonNode> items = items(http.send(endpoint, HttpMethod.GET, paged, pageVariables, null));
            all.addAll(items);
            if (items.size() < PAGE_LIMIT) {
                return all;
            }
        }
    }

    private static String idOfMatching(BigCommerceResource resource, Map<String, Object> payload,
            List<JsonNode> candidates) {
        for (JsonNode candidate : candidates) {
            boolean same = resource.lookup().match().stream().allMatch(field ->
                    text(payload.get(field)).equalsIgnoreCase(candidate.path(field).asString("")));
            if (same) {
                String id = candidate.path("id").asString("");
                return id.isEmpty() ? null : id;
            }
        }
        return null;
    }

    /** The payload without the fields that went into the path, and without create-only fields on update. */
    private static Map<String, Object> bodyOf(BigCommerceResource resource, Map<String, Object> payload, String id,
            boolean create) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (id != null) {
            body.put("id", Long.valueOf(id));
        }
        Matcher variables = PATH_VARIABLE.matcher(resource.path());
        List<String> inPath = new ArrayList<>();
        while (variables.find()) {
            inPath.add(variables.group(1));
        }
        payload.forEach((field, value) -> {
            if (!inPath.contains(field) && (create || !resource.createOnly().contains(field))) {
                body.put(field, value);
            }
        });
        return body;
    }

    private static Map<String, Object> pathVariables(BigCommerceResource resource, Map<String, Object> payload) {
        Map<String, Object> variables = new LinkedHashMap<>();
        Matcher matcher = PATH_VARIABLE.matcher(resource.path());
        while (matcher.find()) {
            Object value = payload.get(matcher.group(1));
            if (value == null) {
                throw new StoreRejectedException("the mapping gave no " + matcher.group(1) + ", which "
                        + resource.name() + " needs in its path " + resource.path());
            }
            variables.put(matcher.group(1), value);
        }
        return variables;
    }

    /** v3 answers {@code {data: [...]}} or {@code {data: {...}}}; v2 a bare array or object, or nothing (204). */
    static List<JsonNode> items(JsonNode response) {
        JsonNode data = response.has("data") ? response.get("data") : response;
        List<JsonNode> items = new ArrayList<>();
        if (data.isArray()) {
            data.forEach(items::add);
        }
        else if (data.isObject() && !data.isEmpty()) {
            items.add(data);
        }
        return items;
    }

    private static WriteResult refusedBy(TargetRecord record, StoreRejectedException refused) {
        return WriteResult.rejected(record.erpId(), "the store refused it: " + refused.getMessage());
    }

    private static String describeKey(BigCommerceResource resource, Map<String, Object> payload) {
        return resource.lookup().match().stream().map(field -> field + " " + payload.get(field))
                .collect(Collectors.joining(", "));
    }

    private static String text(Object value) {
        return Objects.toString(value, "").toLowerCase(Locale.ROOT);
    }

    private static List<List<TargetRecord>> batches(List<TargetRecord> records) {
        List<List<TargetRecord>> batches = new ArrayList<>();
        for (int from = 0; from < records.size(); from += BATCH_LIMIT) {
            batches.add(records.subList(from, Math.min(records.size(), from + BATCH_LIMIT)));
        }
        return batches;
    }
}
