package io.syncbatch.connector.bigcommerce.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.sandbox.Router;
import io.syncbatch.connector.sandbox.Reply;
import io.syncbatch.connector.sandbox.SandboxRequest;
import io.syncbatch.connector.sandbox.SandboxRejection;
import io.syncbatch.connector.sandbox.Table;
import io.syncbatch.connector.sandbox.StoreData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customers of one sandbox store ({@code /v3/customers}) and the rules BigCommerce
 * applies when they change.
 *
 * <p>
 * Every batch is all-or-nothing: one invalid item rejects the whole batch with 422 and
 * stores nothing.
 */
final class CustomerBook {

	static final int MAX_BATCH = 10;

	/** customer_Full's {@code addresses}: "Limited to 10". */
	static final int INCLUDED_ADDRESSES = 10;

	private record StringRule(int min, int max) {
	}

	// Lengths come from customer_Post / customer_Put in the published contract.
	private static final Map<String, StringRule> STRING_RULES = Map.of("email", new StringRule(3, 255), "first_name",
			new StringRule(1, 100), "last_name", new StringRule(1, 100), "company", new StringRule(0, 255), "phone",
			new StringRule(0, 50), "notes", new StringRule(0, Integer.MAX_VALUE), "tax_exempt_category",
			new StringRule(0, 255), "registration_ip_address", new StringRule(0, 30));

	private final StoreData data;

	private final Replies replies;

	private final JsonMapper mapper;

	private final Clock clock;

	CustomerBook(StoreData data, Replies replies, JsonMapper mapper, Clock clock) {
		this.data = data;
		this.replies = replies;
		this.mapper = mapper;
		this.clock = clock;
	}

	void addRoutes(Router router) {
		router
			.add("GET", "/v3/customers",
					Set.of("email:in", "id:in", "date_modified:min", "date_modified:max", "sort", "include", "page",
							"limit"),
					this::list)
			.add("POST", "/v3/customers", Set.of(), request -> replies.v3Batch(create(request.json())))
			.add("PUT", "/v3/customers", Set.of(), request -> replies.v3Batch(update(request.json())))
			.add("DELETE", "/v3/customers", Set.of("id:in"), this::delete);
	}

	/**
	 * Deletes the customers named by {@code id:in} with their addresses; ids it does not
	 * have are ignored, and without the query nothing changes, as the contract says.
	 */
	private Reply delete(SandboxRequest request) {
		Set<Integer> ids = Queries.ids(request.query(), "id:in");
		if (ids != null) {
			data.write(tables -> {
				Table addresses = tables.get(SandboxTables.ADDRESSES);
				for (ObjectNode address : addresses.rows()) {
					if (ids.contains(address.path("customer_id").intValue())) {
						addresses.remove(address.get("id").intValue());
					}
				}
				ids.forEach(tables.get(SandboxTables.CUSTOMERS)::remove);
				return null;
			});
		}
		return Reply.noContent();
	}

	List<Map<String, Object>> snapshot() {
		return data.snapshot(SandboxTables.CUSTOMERS);
	}

	/**
	 * {@code GET /v3/customers}: filtered by email, id and modification date, sorted as
	 * the contract's {@code sort} values say (by id without one), a page at a time, with
	 * each customer's addresses when {@code include=addresses} asks for them.
	 */
	private Reply list(SandboxRequest request) {
		Map<String, String> query = request.query();
		Set<String> emails = null;
		if (query.containsKey("email:in")) {
			emails = new HashSet<>();
			for (String email : query.get("email:in").split(",")) {
				if (!email.isBlank()) {
					emails.add(lowerCase(email.trim()));
				}
			}
		}
		Set<Integer> ids = Queries.ids(query, "id:in");
		Instant modifiedFrom = Queries.instant(query, "date_modified:min");
		Instant modifiedTo = Queries.instant(query, "date_modified:max");
		Comparator<ObjectNode> order = order(query.get("sort"));
		boolean withAddresses = includesAddresses(query.get("include"));
		PageRequest page = PageRequest.from(query);
		Set<String> wantedEmails = emails;
		List<ObjectNode> matching = new ArrayList<>();
		return data.read(tables -> {
			for (ObjectNode customer : tables.get(SandboxTables.CUSTOMERS).rows()) {
				boolean emailMatches = wantedEmails == null
						|| wantedEmails.contains(lowerCase(customer.path("email").asString()));
				boolean idMatches = ids == null || ids.contains(customer.get("id").intValue());
				Instant modified = Instant.parse(customer.get("date_modified").stringValue());
				// Both bounds include their own second, as the store keeps whole seconds.
				boolean modifiedMatches = (modifiedFrom == null || !modified.isBefore(modifiedFrom))
						&& (modifiedTo == null || !modified.isAfter(modifiedTo));
				if (emailMatches && idMatches && modifiedMatches) {
					matching.add(customer);
				}
			}
			matching.sort(order);
			if (withAddresses) {
				withAddresses(matching, tables.get(SandboxTables.ADDRESSES));
			}
			return replies.v3Page(matching, page);
		});
	}

	/**
	 * The contract's four sort values; ties, and no sort at all, go by id so that pages
	 * do not overlap.
	 */
	private static Comparator<ObjectNode> order(@Nullable String sort) {
		Comparator<ObjectNode> byId = Comparator.comparingInt(customer -> customer.get("id").intValue());
		if (sort == null) {
			return byId;
		}
		Comparator<ObjectNode> sorted = switch (sort) {
			case "date_created:asc", "date_created:desc" ->
				Comparator.comparing(customer -> Instant.parse(customer.get("date_created").stringValue()));
			case "last_name:asc", "last_name:desc" ->
				Comparator.comparing(customer -> lowerCase(customer.path("last_name").asString("")));
			default -> throw SandboxRejection.badRequest("Query parameter sort must be one of date_created:asc,"
					+ " date_created:desc, last_name:asc, last_name:desc, got: " + sort);
		};
		return (sort.endsWith(":desc") ? sorted.reversed() : sorted).thenComparing(byId);
	}

	/**
	 * Only {@code addresses} of the contract's sub-resources is kept by this sandbox; the
	 * others are refused rather than silently left out.
	 */
	private static boolean includesAddresses(@Nullable String include) {
		if (include == null) {
			return false;
		}
		for (String part : include.split(",")) {
			if (!part.trim().equals("addresses")) {
				throw SandboxRejection.badRequest("include=" + part.trim()
						+ " is not supported by this sandbox store for GET /v3/customers (supported: addresses)");
			}
		}
		return true;
	}

	/**
	 * Replaces each customer by a copy with its addresses, at most as many as
	 * customer_Full allows (address_count still says how many there are).
	 */
	private static void withAddresses(List<ObjectNode> customers, Table addresses) {
		Map<Integer, List<ObjectNode>> byCustomer = new HashMap<>();
		for (ObjectNode address : addresses.rows()) {
			byCustomer.computeIfAbsent(address.get("customer_id").intValue(), id -> new ArrayList<>()).add(address);
		}
		customers.replaceAll(customer -> {
			ObjectNode copy = customer.deepCopy();
			ArrayNode included = copy.putArray("addresses");
			byCustomer.getOrDefault(customer.get("id").intValue(), List.of())
				.stream()
				.limit(INCLUDED_ADDRESSES)
				.forEach(address -> included.add(address.deepCopy()));
			return copy;
		});
	}

	List<ObjectNode> create(JsonNode body) {
		String title = "Create customers failed.";
		checkBatchShape(body, title);
		return data.write(tables -> {
			Table customers = tables.get(SandboxTables.CUSTOMERS);
			Map<String, String> errors = new LinkedHashMap<>();
			Set<String> takenEmails = emailsExcept(customers, Set.of());
			List<JsonNode> valid = new ArrayList<>();
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
				checkEmbeddedAddresses(item, new Checks(errors, i + ".addresses."));
				String email = item.path("email").isString() ? lowerCase(item.get("email").stringValue()) : null;
				if (email != null && !takenEmails.add(email)) {
					errors.putIfAbsent(i + ".email", "The email address " + item.get("email").stringValue()
							+ " is already in use by another customer.");
				}
				valid.add(item);
			}
			if (!errors.isEmpty()) {
				throw new SandboxRejection(422, title, errors);
			}
			String now = now();
			List<ObjectNode> created = new ArrayList<>();
			Table addresses = tables.get(SandboxTables.ADDRESSES);
			for (JsonNode item : valid) {
				ObjectNode customer = newCustomer(customers.allocateId(), item, now);
				customers.put(customer);
				// BigCommerce stores addresses sent with a new customer as that
				// customer's addresses.
				for (JsonNode address : item.path("addresses")) {
					addresses.put(AddressBook.newAddress(mapper, addresses.allocateId(), customer.get("id").intValue(),
							address));
				}
				created.add(customer.deepCopy());
			}
			return created;
		});
	}

	List<ObjectNode> update(JsonNode body) {
		String title = "Update customers failed.";
		checkBatchShape(body, title);
		return data.write(tables -> {
			Table customers = tables.get(SandboxTables.CUSTOMERS);
			Map<String, String> errors = new LinkedHashMap<>();
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
				if (!Json.isInt(idNode)) {
					errors.put(i + ".id", "id is required and must be an integer");
					continue;
				}
				int id = idNode.intValue();
				ObjectNode existing = customers.get(id);
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
					customers.put(applyUpdate(existing, item, now));
					updatedIds.add(id);
				}
			}
			// Checked against the final state so that two customers may swap emails in
			// one batch.
			for (int id : updatedIds) {
				String email = lowerCase(Objects.requireNonNull(customers.get(id)).path("email").asString());
				Set<Integer> others = new HashSet<>(Set.of(id));
				if (emailsExcept(customers, others).contains(email)) {
					errors.put(indexById.get(id) + ".email",
							"The email address " + Objects.requireNonNull(customers.get(id)).get("email").stringValue()
									+ " is already in use by another customer.");
				}
			}
			if (!errors.isEmpty()) {
				throw new SandboxRejection(422, title, errors);
			}
			List<ObjectNode> updated = new ArrayList<>();
			for (int id : updatedIds) {
				updated.add(Objects.requireNonNull(customers.get(id)).deepCopy());
			}
			return updated;
		});
	}

	private static void checkBatchShape(JsonNode body, String title) {
		if (body == null || !body.isArray()) {
			throw new SandboxRejection(422, title,
					Map.of("customers", "The request body must be a JSON array of customers"));
		}
		if (body.isEmpty()) {
			throw new SandboxRejection(422, title,
					Map.of("customers", "The request body must contain at least one customer"));
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
				}
				else if (value.stringValue().length() < rule.min() || value.stringValue().length() > rule.max()) {
					errors.put(key,
							name + " must be between " + rule.min() + " and " + rule.max() + " characters long");
				}
				else if (name.equals("email") && !looksLikeEmail(value.stringValue())) {
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
					if (!Json.isArrayOf(value, n -> n.isIntegralNumber() && n.canConvertToInt())) {
						errors.put(key, "channel_ids must be an array of integers");
					}
				}
				case "store_credit_amounts" -> {
					if (!Json.isArrayOf(value, n -> n.isObject() && n.path("amount").isNumber())) {
						errors.put(key, "store_credit_amounts must be an array of objects with a numeric amount");
					}
				}
				case "addresses", "attributes" -> {
					if (!creating) {
						errors.put(key, name + " cannot be changed with this endpoint");
					}
					else if (!Json.isArrayOf(value, JsonNode::isObject) || value.size() > MAX_BATCH) {
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
		customer.putObject("authentication")
			.put("force_password_reset", item.path("authentication").path("force_password_reset").asBoolean(false));
		customer.put("accepts_product_review_abandoned_cart_emails",
				item.path("accepts_product_review_abandoned_cart_emails").asBoolean(false));
		if (item.has("store_credit_amounts")) {
			customer.set("store_credit_amounts", item.get("store_credit_amounts").deepCopy());
		}
		else {
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
			updated.putObject("authentication")
				.put("force_password_reset", item.get("authentication").get("force_password_reset").booleanValue());
		}
		for (String name : List.of("store_credit_amounts", "channel_ids")) {
			if (item.has(name)) {
				updated.set(name, item.get(name).deepCopy());
			}
		}
		updated.put("date_modified", Json
			.v3Date(ChangeTime.after(Instant.parse(existing.get("date_modified").stringValue()), Instant.parse(now))));
		return updated;
	}

	private static void checkEmbeddedAddresses(JsonNode item, Checks checks) {
		if (!item.path("addresses").isArray()) {
			return;
		}
		for (int j = 0; j < item.get("addresses").size(); j++) {
			JsonNode address = item.get("addresses").get(j);
			if (!address.isObject()) {
				continue; // reported by validateFields
			}
			Checks addressChecks = checks.nested(String.valueOf(j));
			AddressBook.REQUIRED.forEach(field -> addressChecks.required(address, field));
			AddressBook.checkFields(addressChecks, address);
		}
	}

	private static Set<String> emailsExcept(Table customers, Set<Integer> excludedIds) {
		Set<String> emails = new HashSet<>();
		for (ObjectNode customer : customers.rows()) {
			if (!excludedIds.contains(customer.get("id").intValue())) {
				emails.add(lowerCase(customer.path("email").asString()));
			}
		}
		return emails;
	}

	private String now() {
		return Json.v3Date(Instant.now(clock));
	}

	private static String lowerCase(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

}
