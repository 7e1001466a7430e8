package io.syncbatch.connector.bigcommerce.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.syncbatch.connector.sandbox.Router;
import io.syncbatch.connector.sandbox.Reply;
import io.syncbatch.connector.sandbox.SandboxRequest;
import io.syncbatch.connector.sandbox.SandboxRejection;
import io.syncbatch.connector.sandbox.Table;
import io.syncbatch.connector.sandbox.StoreData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Customer addresses ({@code /v3/customers/addresses}): batches of at most 10,
 * all-or-nothing, each address belonging to an existing customer. The customer's
 * {@code address_count} follows.
 */
final class AddressBook {

	static final int MAX_BATCH = 10;

	static final List<String> REQUIRED = List.of("first_name", "last_name", "address1", "city", "state_or_province",
			"postal_code", "country_code");

	private static final Set<String> ADDRESS_TYPES = Set.of("residential", "commercial");

	private static final List<String> TEXT_FIELDS = List.of("first_name", "last_name", "company", "address1",
			"address2", "city", "state_or_province", "postal_code", "country_code", "phone");

	private final StoreData data;

	private final Replies replies;

	private final JsonMapper mapper;

	AddressBook(StoreData data, Replies replies, JsonMapper mapper) {
		this.data = data;
		this.replies = replies;
		this.mapper = mapper;
	}

	void addRoutes(Router router) {
		router.add("GET", "/v3/customers/addresses", Set.of("customer_id:in", "id:in", "page", "limit"), this::list)
			.add("POST", "/v3/customers/addresses", Set.of(), request -> replies.v3Batch(create(request.json())))
			.add("PUT", "/v3/customers/addresses", Set.of(), request -> replies.v3Batch(update(request.json())))
			.add("DELETE", "/v3/customers/addresses", Set.of("id:in"), this::delete);
	}

	/**
	 * Deletes the addresses named by {@code id:in}; ids it does not have are ignored, and
	 * without the query nothing changes.
	 */
	private Reply delete(SandboxRequest request) {
		Set<Integer> ids = Queries.ids(request.query(), "id:in");
		if (ids != null) {
			data.write(tables -> {
				Table addresses = tables.get(SandboxTables.ADDRESSES);
				ids.forEach(addresses::remove);
				recountAddresses(tables.get(SandboxTables.CUSTOMERS), addresses);
				return null;
			});
		}
		return Reply.noContent();
	}

	List<Map<String, Object>> snapshot() {
		return data.snapshot(SandboxTables.ADDRESSES);
	}

	/**
	 * Field checks shared with addresses embedded in a customer POST; lengths from
	 * address_Post.
	 */
	static void checkFields(Checks checks, JsonNode item) {
		checks.string(item, "first_name", 1, 255);
		checks.string(item, "last_name", 1, 255);
		checks.string(item, "company", 0, 255);
		checks.string(item, "address1");
		checks.string(item, "address2");
		checks.string(item, "city", 0, 100);
		checks.string(item, "state_or_province", 0, 100);
		checks.string(item, "postal_code", 0, 30);
		checks.string(item, "country_code", 2, 2);
		checks.string(item, "phone", 0, 50);
		checks.oneOf(item, "address_type", ADDRESS_TYPES);
		checks.integer(item, "customer_id", 1, Integer.MAX_VALUE);
	}

	static ObjectNode newAddress(JsonMapper mapper, int id, int customerId, JsonNode item) {
		ObjectNode address = mapper.createObjectNode();
		address.put("id", id);
		address.put("customer_id", customerId);
		for (String field : TEXT_FIELDS) {
			address.put(field, item.path(field).asString(""));
		}
		address.put("address_type", item.path("address_type").asString("residential"));
		return address;
	}

	private Reply list(SandboxRequest request) {
		Set<Integer> customerIds = Queries.ids(request.query(), "customer_id:in");
		Set<Integer> ids = Queries.ids(request.query(), "id:in");
		PageRequest page = PageRequest.from(request.query());
		return data.read(tables -> {
			List<ObjectNode> matching = new ArrayList<>();
			for (ObjectNode address : tables.get(SandboxTables.ADDRESSES).rows()) {
				if ((customerIds == null || customerIds.contains(address.get("customer_id").intValue()))
						&& (ids == null || ids.contains(address.get("id").intValue()))) {
					matching.add(address);
				}
			}
			return replies.v3Page(matching, page);
		});
	}

	List<ObjectNode> create(JsonNode body) {
		String title = "Create customer addresses failed.";
		checkBatchShape(body, title);
		return data.write(tables -> {
			Table addresses = tables.get(SandboxTables.ADDRESSES);
			Table customers = tables.get(SandboxTables.CUSTOMERS);
			Checks checks = Checks.fresh();
			for (int i = 0; i < body.size(); i++) {
				JsonNode item = body.get(i);
				Checks itemChecks = checks.nested(String.valueOf(i));
				if (!item.isObject()) {
					checks.fail(String.valueOf(i), "Each address must be a JSON object");
					continue;
				}
				for (String field : REQUIRED) {
					itemChecks.required(item, field);
				}
				if (itemChecks.required(item, "customer_id")) {
					requireCustomer(itemChecks, customers, item);
				}
				checkFields(itemChecks, item);
			}
			if (!checks.ok()) {
				throw new SandboxRejection(422, title, checks.errors());
			}
			List<ObjectNode> created = new ArrayList<>();
			for (JsonNode item : body) {
				ObjectNode address = newAddress(mapper, addresses.allocateId(), item.get("customer_id").intValue(),
						item);
				addresses.put(address);
				created.add(address.deepCopy());
			}
			recountAddresses(customers, addresses);
			return created;
		});
	}

	List<ObjectNode> update(JsonNode body) {
		String title = "Update customer addresses failed.";
		checkBatchShape(body, title);
		return data.write(tables -> {
			Table addresses = tables.get(SandboxTables.ADDRESSES);
			Table customers = tables.get(SandboxTables.CUSTOMERS);
			Checks checks = Checks.fresh();
			Set<Integer> seen = new HashSet<>();
			for (int i = 0; i < body.size(); i++) {
				JsonNode item = body.get(i);
				Checks itemChecks = checks.nested(String.valueOf(i));
				if (!item.isObject()) {
					checks.fail(String.valueOf(i), "Each address must be a JSON object");
					continue;
				}
				if (!itemChecks.integerId(item)
						|| !itemChecks.existingOnce(item.get("id").intValue(), addresses, seen, "Address")) {
					continue;
				}
				checkFields(itemChecks, item);
				if (item.has("customer_id")) {
					requireCustomer(itemChecks, customers, item);
				}
				for (String field : REQUIRED) {
					if (item.has(field) && item.get(field).isNull()) {
						itemChecks.fail(field, field + " cannot be null");
					}
				}
			}
			if (!checks.ok()) {
				throw new SandboxRejection(422, title, checks.errors());
			}
			List<ObjectNode> updated = new ArrayList<>();
			for (JsonNode item : body) {
				ObjectNode address = Objects.requireNonNull(addresses.get(item.get("id").intValue())).deepCopy();
				for (String field : TEXT_FIELDS) {
					if (item.has(field)) {
						address.put(field, item.get(field).stringValue());
					}
				}
				if (item.has("address_type")) {
					address.put("address_type", item.get("address_type").stringValue());
				}
				if (item.has("customer_id")) {
					address.put("customer_id", item.get("customer_id").intValue());
				}
				addresses.put(address);
				updated.add(address.deepCopy());
			}
			recountAddresses(customers, addresses);
			return updated;
		});
	}

	private static void requireCustomer(Checks checks, Table customers, JsonNode item) {
		JsonNode customerId = item.get("customer_id");
		if (Json.isInt(customerId) && !customers.contains(customerId.intValue())) {
			checks.fail("customer_id", "Customer with id " + customerId.intValue() + " does not exist");
		}
	}

	/** Keeps each customer's address_count equal to the addresses that name it. */
	static void recountAddresses(Table customers, Table addresses) {
		Map<Integer, Integer> counts = new HashMap<>();
		for (ObjectNode address : addresses.rows()) {
			counts.merge(address.get("customer_id").intValue(), 1, Integer::sum);
		}
		for (ObjectNode customer : customers.rows()) {
			int count = counts.getOrDefault(customer.get("id").intValue(), 0);
			if (customer.path("address_count").asInt(-1) != count) {
				ObjectNode updated = customer.deepCopy();
				updated.put("address_count", count);
				customers.put(updated);
			}
		}
	}

	private static void checkBatchShape(JsonNode body, String title) {
		if (body == null || !body.isArray()) {
			throw new SandboxRejection(422, title,
					Map.of("addresses", "The request body must be a JSON array of addresses"));
		}
		if (body.isEmpty()) {
			throw new SandboxRejection(422, title,
					Map.of("addresses", "The request body must contain at least one address"));
		}
		if (body.size() > MAX_BATCH) {
			throw new SandboxRejection(422,
					"Too many addresses in one request: " + body.size() + " given, at most " + MAX_BATCH + " allowed.",
					Map.of("addresses", "At most " + MAX_BATCH + " addresses may be sent per request"));
		}
	}

}
