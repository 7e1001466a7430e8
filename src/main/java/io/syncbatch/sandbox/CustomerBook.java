package io.syncbatch.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customers of one sandbox store and the rules BigCommerce applies when they change.
 *
 * <p>Every change is all-or-nothing: a candidate state is built, validated, persisted and only then
 * published, so a rejected batch or a failed disk write leaves both memory and file untouched.
 * Stored nodes are never mutated after publication; callers get deep copies.
 */
final class CustomerBook {

    static final int MAX_BATCH = 10;
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 250;

    private static final String FILE_CUSTOMERS = "customers";
    private static final String FILE_NEXT_ID = "next_id";

    private record StringRule(int min, int max) {
    }

    // Lengths come from customer_Post / customer_Put in the published contract.
    private static final Map<String, StringRule> STRING_RULES = Map.of(
            "email", new StringRule(3, 255),
            "first_name", new StringRule(1, 100),
            "last_name", new StringRule(1, 100),
            "company", new StringRule(0, 255),
            "phone", new StringRule(0, 50),
            "notes", new StringRule(0, Integer.MAX_VALUE),
            "tax_exempt_category", new StringRule(0, 255),
            "registration_ip_address", new StringRule(0, 30));

    record Page(List<ObjectNode> items, int total, int page, int limit) {

        int totalPages() {
            return (total + limit - 1) / limit;
        }
    }

    private final JsonMapper mapper;
    private final Path dataFile;
    private final Clock clock;
    private final Object lock = new Object();

    private TreeMap<Integer, ObjectNode> customers = new TreeMap<>();
    private int nextId = 1;

    CustomerBook(JsonMapper mapper, Path dataFileOrNull, Clock clock) {
        this.mapper = mapper;
        this.dataFile = dataFileOrNull;
        this.clock = clock;
    }

    /** Replaces the in-memory state with the data file's, if there is one. */
    void load() {
        if (dataFile == null || !Files.exists(dataFile)) {
            return;
        }
        TreeMap<Integer, ObjectNode> loaded = new TreeMap<>();
        int loadedNextId;
        try {
            JsonNode root = mapper.readTree(dataFile);
            for (JsonNode node : root.path(FILE_CUSTOMERS)) {
                if (!node.isObject() || !node.path("id").canConvertToInt()) {
                    throw new IllegalStateException("customer entry without an integer id: " + node);
                }
                loaded.put(node.get("id").intValue(), (ObjectNode) node);
            }
            int afterHighest = loaded.isEmpty() ? 1 : loaded.lastKey() + 1;
            loadedNextId = Math.max(root.path(FILE_NEXT_ID).asInt(1), afterHighest);
        } catch (JacksonException | IllegalStateException e) {
            // Refuse to start rather than silently overwrite a store someone may still need.
            throw new IllegalStateException("Cannot read sandbox data file " + dataFile + ": " + e.getMessage(), e);
        }
        synchronized (lock) {
            customers = loaded;
            nextId = loadedNextId;
        }
    }

    void clear() {
        synchronized (lock) {
            publish(new TreeMap<>(), 1);
        }
    }

    List<Map<String, Object>> snapshot() {
        List<ObjectNode> copies;
        synchronized (lock) {
            copies = copies(customers.values());
        }
        List<Map<String, Object>> result = new ArrayList<>(copies.size());
        for (ObjectNode node : copies) {
            result.add(mapper.treeToValue(node, new TypeReference<LinkedHashMap<String, Object>>() { }));
        }
        return result;
    }

    Page find(Set<String> lowerCaseEmails, Set<Integer> ids, int page, int limit) {
        List<ObjectNode> matching = new ArrayList<>();
        synchronized (lock) {
            for (ObjectNode customer : customers.values()) {
                boolean emailMatches = lowerCaseEmails == null
                        || lowerCaseEmails.contains(lowerCase(customer.path("email").asString()));
                boolean idMatches = ids == null || ids.contains(customer.get("id").intValue());
                if (emailMatches && idMatches) {
                    matching.add(customer);
                }
            }
            long from = (long) (page - 1) * limit;
            List<ObjectNode> slice = from >= matching.size()
                    ? List.of()
                    : matching.subList((int) from, (int) Math.min(matching.size(), from + limit));
            return new Page(copies(slice), matching.size(), page, limit);
        }
    }

    List<ObjectNode> create(JsonNode body) {
        String title = "Create customers failed.";
        checkBatchShape(body, title);
        synchronized (lock) {
            Map<String, String> errors = new LinkedHashMap<>();
            Set<String> takenEmails = emailsExcept(customers, Set.of());
            TreeMap<Integer, ObjectNode> candidate = new TreeMap<>(customers);
            List<ObjectNode> created = new ArrayList<>();
            String now = now();
            int id = nextId;
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                if (!item.isObject()) {
                    errors.put(String.valueOf(i), "Each customer must be a JSON object");
                    continue;
                }
                for (String required : List.of("email", "first_name", "last_name")) {
                    if (!item.hasNonNull(required)) {
                        errors.put(i + "." + required, required + " is required");
                    }
                }
                validateFields(item, i, errors, true);
                String email = item.path("email").isString() ? lowerCase(item.get("email").stringValue()) : null;
                if (email != null && !takenEmails.add(email)) {
                    errors.putIfAbsent(i + ".email", "The email address " + item.get("email").stringValue()
                            + " is already in use by another customer.");
                }
                if (errors.isEmpty()) {
                    ObjectNode customer = newCustomer(id, item, now);
                    candidate.put(id, customer);
                    created.add(customer);
                    id++;
                }
            }
            if (!errors.isEmpty()) {
                throw new SandboxRejection(422, title, errors);
            }
            publish(candidate, id);
            return copies(created);
        }
    }

    List<ObjectNode> update(JsonNode body) {
        String title = "Update customers failed.";
        checkBatchShape(body, title);
        synchronized (lock) {
            Map<String, String> errors = new LinkedHashMap<>();
            TreeMap<Integer, ObjectNode> candidate = new TreeMap<>(customers);
            Map<Integer, Integer> indexById = new HashMap<>();
            List<Integer> updatedIds = new ArrayList<>();
            String now = now();
            for (int i = 0; i < body.size(); i++) {
                JsonNode item = body.get(i);
                if (!item.isObject()) {
                    errors.put(String.valueOf(i), "Each customer must be a JSON object");
                    continue;
                }
                JsonNode idNode = item.path("id");
                if (!idNode.isIntegralNumber() || !idNode.canConvertToInt()) {
                    errors.put(i + ".id", "id is required and must be an integer");
                    continue;
                }
                int id = idNode.intValue();
                ObjectNode existing = candidate.get(id);
                if (existing == null) {
                    errors.put(i + ".id", "Customer with id " + id + " does not exist");
                    continue;
                }
                if (indexById.putIfAbsent(id, i) != null) {
                    errors.put(i + ".id", "Customer with id " + id + " appears more than once in this request");
                    continue;
                }
                int before = errors.size();
                validateFields(item, i, errors, false);
                if (errors.size() == before) {
                    candidate.put(id, applyUpdate(existing, item, now));
                    updatedIds.add(id);
                }
            }
            // Checked against the final state so that two customers may swap emails in one batch.
            for (int id : updatedIds) {
                String email = lowerCase(candidate.get(id).path("email").asString());
                if (emailsExcept(candidate, Set.of(id)).contains(email)) {
                    errors.put(indexById.get(id) + ".email", "The email address "
                            + candidate.get(id).get("email").stringValue() + " is already in use by another customer.");
                }
            }
            if (!errors.isEmpty()) {
                throw new SandboxRejection(422, title, errors);
            }
            publish(candidate, nextId);
            List<ObjectNode> updated = new ArrayList<>();
            for (int id : updatedIds) {
                updated.add(candidate.get(id));
            }
            return copies(updated);
        }
    }

    private static void checkBatchShape(JsonNode body, String title) {
        if (body == null || !body.isArray()) {
            throw new SandboxRejection(422, title, Map.of("customers", "The request body must be a JSON array of customers"));
        }
        if (body.isEmpty()) {
            throw new SandboxRejection(422, title, Map.of("customers", "The request body must contain at least one customer"));
        }
        if (body.size() > MAX_BATCH) {
            throw new SandboxRejection(422,
                    "Too many customers in one request: " + body.size() + " given, at most " + MAX_BATCH + " allowed.",
                    Map.of("customers", "At most " + MAX_BATCH + " customers may be sent per request"));
        }
    }

    private static void validateFields(JsonNode item, int index, Map<String, String> errors, boolean creating) {
        for (Map.Entry<String, JsonNode> field : item.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String key = index + "." + name;
            StringRule rule = STRING_RULES.get(name);
            if (rule != null) {
                if (value.isNull() && creating && isRequiredOnCreate(name)) {
                    continue; // already reported as missing
                }
                if (!value.isString()) {
                    errors.put(key, name + " must be a string");
                } else if (value.stringValue().length() < rule.min() || value.stringValue().length() > rule.max()) {
                    errors.put(key, name + " must be between " + rule.min() + " and " + rule.max() + " characters long");
                } else if (name.equals("email") && !looksLikeEmail(value.stringValue())) {
                    errors.put(key, "The email address " + value.stringValue() + " is not valid.");
                }
                continue;
            }
            switch (name) {
                case "customer_group_id", "origin_channel_id" -> {
                    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                        errors.put(key, name + " must be an integer");
                    }
                }
                case "accepts_product_review_abandoned_cart_emails" -> {
                    if (!value.isBoolean()) {
                        errors.put(key, name + " must be a boolean");
                    }
                }
                case "authentication" -> {
                    if (!value.isObject()
                            || (value.has("force_password_reset") && !value.get("force_password_reset").isBoolean())
                            || (value.has("new_password") && !value.get("new_password").isString())) {
                        errors.put(key, "authentication must be an object with boolean force_password_reset"
                                + " and string new_password");
                    }
                }
                case "channel_ids" -> {
                    if (!isArrayOf(value, n -> n.isIntegralNumber() && n.canConvertToInt())) {
                        errors.put(key, "channel_ids must be an array of integers");
                    }
                }
                case "store_credit_amounts" -> {
                    if (!isArrayOf(value, n -> n.isObject() && n.path("amount").isNumber())) {
                        errors.put(key, "store_credit_amounts must be an array of objects with a numeric amount");
                    }
                }
                case "addresses", "attributes" -> {
                    if (!creating) {
                        errors.put(key, name + " cannot be changed with this endpoint");
                    } else if (!isArrayOf(value, JsonNode::isObject) || value.size() > MAX_BATCH) {
                        errors.put(key, name + " must be an array of at most " + MAX_BATCH + " objects");
                    }
                }
                default -> {
                    // Read-only or unknown fields are ignored, as BigCommerce does.
                }
            }
        }
    }

    private static boolean isRequiredOnCreate(String name) {
        return name.equals("email") || name.equals("first_name") || name.equals("last_name");
    }

    private static boolean isArrayOf(JsonNode value, java.util.function.Predicate<JsonNode> itemTest) {
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!itemTest.test(item)) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeEmail(String email) {
        int at = email.indexOf('@');
        return at > 0 && at == email.lastIndexOf('@') && at < email.length() - 1
                && email.chars().noneMatch(Character::isWhitespace);
    }

    private ObjectNode newCustomer(int id, JsonNode item, String now) {
        ObjectNode customer = mapper.createObjectNode();
        customer.put("id", id);
        customer.put("email", item.get("email").stringValue());
        customer.put("first_name", item.get("first_name").stringValue());
        customer.put("last_name", item.get("last_name").stringValue());
        customer.put("company", item.path("company").asString(""));
        customer.put("phone", item.path("phone").asString(""));
        // The API never records an IP address for customers it creates.
        customer.put("registration_ip_address", "");
        customer.put("notes", item.path("notes").asString(""));
        customer.put("tax_exempt_category", item.path("tax_exempt_category").asString(""));
        customer.put("customer_group_id", item.path("customer_group_id").asInt(0));
        customer.put("date_created", now);
        customer.put("date_modified", now);
        customer.put("address_count", item.path("addresses").size());
        customer.put("attribute_count", item.path("attributes").size());
        customer.putObject("authentication").put("force_password_reset",
                item.path("authentication").path("force_password_reset").asBoolean(false));
        customer.put("accepts_product_review_abandoned_cart_emails",
                item.path("accepts_product_review_abandoned_cart_emails").asBoolean(false));
        if (item.has("store_credit_amounts")) {
            customer.set("store_credit_amounts", item.get("store_credit_amounts").deepCopy());
        } else {
            customer.putArray("store_credit_amounts").addObject().put("amount", 0);
        }
        if (item.has("channel_ids")) {
            customer.set("channel_ids", item.get("channel_ids").deepCopy());
        }
        return customer;
    }

    private static ObjectNode applyUpdate(ObjectNode existing, JsonNode item, String now) {
        ObjectNode updated = existing.deepCopy();
        for (String name : STRING_RULES.keySet()) {
            if (item.has(name)) {
                updated.put(name, item.get(name).stringValue());
            }
        }
        if (item.has("customer_group_id")) {
            updated.put("customer_group_id", item.get("customer_group_id").intValue());
        }
        if (item.has("accepts_product_review_abandoned_cart_emails")) {
            updated.put("accepts_product_review_abandoned_cart_emails",
                    item.get("accepts_product_review_abandoned_cart_emails").booleanValue());
        }
        if (item.path("authentication").has("force_password_reset")) {
            updated.putObject("authentication").put("force_password_reset",
                    item.get("authentication").get("force_password_reset").booleanValue());
        }
        for (String name : List.of("store_credit_amounts", "channel_ids")) {
            if (item.has(name)) {
                updated.set(name, item.get(name).deepCopy());
            }
        }
        updated.put("date_modified", now);
        return updated;
    }

    private static Set<String> emailsExcept(Map<Integer, ObjectNode> state, Set<Integer> excludedIds) {
        Set<String> emails = new HashSet<>();
        state.forEach((id, customer) -> {
            if (!excludedIds.contains(id)) {
                emails.add(lowerCase(customer.path("email").asString()));
            }
        });
        return emails;
    }

    /** Must be called holding {@link #lock}; the file is written first so memory never runs ahead of it. */
    private void publish(TreeMap<Integer, ObjectNode> newState, int newNextId) {
        if (dataFile != null) {
            write(newState, newNextId);
        }
        customers = newState;
        nextId = newNextId;
    }

    private void write(TreeMap<Integer, ObjectNode> state, int stateNextId) {
        ObjectNode root = mapper.createObjectNode();
        root.put(FILE_NEXT_ID, stateNextId);
        ArrayNode list = root.putArray(FILE_CUSTOMERS);
        state.values().forEach(list::add);
        try {
            Path dir = dataFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // Same directory as the target so the move below stays on one file system and can be atomic.
            Path tmp = Files.createTempFile(dir, dataFile.getFileName().toString(), ".tmp");
            try {
                Files.write(tmp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                try {
                    Files.move(tmp, dataFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, dataFile, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write sandbox data file " + dataFile, e);
        }
    }

    private String now() {
        // BigCommerce reports whole seconds in UTC, e.g. 2024-05-01T10:15:30Z.
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static List<ObjectNode> copies(Iterable<ObjectNode> nodes) {
        List<ObjectNode> result = new ArrayList<>();
        nodes.forEach(node -> result.add(node.deepCopy()));
        return result;
    }

    private static String lowerCase(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
