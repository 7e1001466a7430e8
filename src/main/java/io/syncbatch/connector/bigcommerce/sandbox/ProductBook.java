package io.syncbatch.connector.bigcommerce.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * Catalog products ({@code /v3/catalog/products}): created one at a time, updated in
 * batches of at most 10 (all-or-nothing). Names are unique ignoring case and SKUs
 * exactly, as BigCommerce answers 409 for either; every category a product names must
 * exist.
 */
final class ProductBook {

	static final int MAX_BATCH = 10;

	private static final List<String> REQUIRED = List.of("name", "type", "weight", "price");

	private static final List<String> TEXT_FIELDS = List.of("name", "type", "sku", "description", "inventory_tracking",
			"availability", "condition", "upc", "mpn", "gtin");

	private static final List<String> NUMBER_FIELDS = List.of("weight", "width", "depth", "height", "price",
			"cost_price", "retail_price", "sale_price");

	private static final List<String> INTEGER_FIELDS = List.of("brand_id", "inventory_level", "inventory_warning_level",
			"sort_order");

	private static final List<String> BOOLEAN_FIELDS = List.of("is_visible", "is_featured", "is_free_shipping");

	private final StoreData data;

	private final Replies replies;

	private final JsonMapper mapper;

	private final Clock clock;

	ProductBook(StoreData data, Replies replies, JsonMapper mapper, Clock clock) {
		this.data = data;
		this.replies = replies;
		this.mapper = mapper;
		this.clock = clock;
	}

	void addRoutes(Router router) {
		router.add("GET", "/v3/catalog/products", Set.of("sku", "name", "id:in", "page", "limit"), this::list)
			.add("POST", "/v3/catalog/products", Set.of(), request -> replies.v3Object(create(request.json())))
			.add("PUT", "/v3/catalog/products", Set.of(), request -> replies.v3Batch(update(request.json())))
			.add("GET", "/v3/catalog/products/{id}", Set.of(), request -> replies.v3Object(get(request.id(0))));
	}

	List<Map<String, Object>> snapshot() {
		return data.snapshot(SandboxTables.PRODUCTS);
	}

	private Reply list(SandboxRequest request) {
		Map<String, String> query = request.query();
		String sku = query.get("sku");
		String name = query.get("name");
		Set<Integer> ids = Queries.ids(query, "id:in");
		PageRequest page = PageRequest.from(query);
		return data.read(tables -> {
			List<ObjectNode> matching = new ArrayList<>();
			for (ObjectNode product : tables.get(SandboxTables.PRODUCTS).rows()) {
				if ((sku == null || sku.equals(product.get("sku").stringValue()))
						&& (name == null || name.equals(product.get("name").stringValue()))
						&& (ids == null || ids.contains(product.get("id").intValue()))) {
					matching.add(product);
				}
			}
			return replies.v3Page(matching, page);
		});
	}

	private ObjectNode get(int id) {
		return data.read(tables -> {
			ObjectNode product = tables.get(SandboxTables.PRODUCTS).get(id);
			if (product == null) {
				throw new SandboxRejection(404, "Product with id " + id + " does not exist", Map.of());
			}
			return product.deepCopy();
		});
	}

	ObjectNode create(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new SandboxRejection(422, "The product is not valid.",
					Map.of("product", "The request body must be a JSON object (one product per POST)"));
		}
		return data.write(tables -> {
			Table products = tables.get(SandboxTables.PRODUCTS);
			Checks checks = Checks.fresh();
			REQUIRED.forEach(field -> checks.required(body, field));
			checkFields(checks, body, tables.get(SandboxTables.CATEGORIES));
			if (!checks.ok()) {
				throw new SandboxRejection(422, "The product is not valid.", checks.errors());
			}
			String now = Json.v3Date(Instant.now(clock));
			ObjectNode product = apply(newProduct(products.allocateId(), now), body, now);
			Map<String, String> conflicts = new LinkedHashMap<>();
			checkUnique(products, product, "", conflicts);
			throwConflicts(conflicts);
			products.put(product);
			return product.deepCopy();
		});
	}

	List<ObjectNode> update(JsonNode body) {
		String title = "Update products failed.";
		if (body == null || !body.isArray() || body.isEmpty()) {
			throw new SandboxRejection(422, title,
					Map.of("products", "The request body must be a non-empty JSON array of products"));
		}
		if (body.size() > MAX_BATCH) {
			// The contract declares 413 for an oversized batch.
			throw new SandboxRejection(413,
					"The request payload is too large. The maximum items allowed in the array is " + MAX_BATCH,
					Map.of());
		}
		return data.write(tables -> {
			Table products = tables.get(SandboxTables.PRODUCTS);
			Checks checks = Checks.fresh();
			Set<Integer> seen = new HashSet<>();
			for (int i = 0; i < body.size(); i++) {
				JsonNode item = body.get(i);
				Checks itemChecks = checks.nested(String.valueOf(i));
				if (!item.isObject()) {
					checks.fail(String.valueOf(i), "Each product must be a JSON object");
					continue;
				}
				if (!itemChecks.integerId(item)) {
					continue;
				}
				// Unlike an address, a product with an unknown id still gets its fields
				// checked.
				itemChecks.existingOnce(item.get("id").intValue(), products, seen, "Product");
				for (String field : REQUIRED) {
					if (item.has(field) && item.get(field).isNull()) {
						itemChecks.fail(field, field + " cannot be null");
					}
				}
				checkFields(itemChecks, item, tables.get(SandboxTables.CATEGORIES));
			}
			if (!checks.ok()) {
				throw new SandboxRejection(422, title, checks.errors());
			}
			String now = Json.v3Date(Instant.now(clock));
			List<Integer> ids = new ArrayList<>();
			for (JsonNode item : body) {
				int id = item.get("id").intValue();
				products.put(apply(Objects.requireNonNull(products.get(id)).deepCopy(), item, now));
				ids.add(id);
			}
			// Checked against the final state so that two products may swap names or SKUs
			// in one batch.
			Map<String, String> conflicts = new LinkedHashMap<>();
			for (int i = 0; i < ids.size(); i++) {
				checkUnique(products, Objects.requireNonNull(products.get(ids.get(i))), i + ".", conflicts);
			}
			throwConflicts(conflicts);
			List<ObjectNode> updated = new ArrayList<>();
			ids.forEach(id -> updated.add(Objects.requireNonNull(products.get(id)).deepCopy()));
			return updated;
		});
	}

	/** Types, ranges and enums from product_Base in the contract. */
	private static void checkFields(Checks checks, JsonNode item, Table categories) {
		checks.string(item, "name", 1, 255);
		checks.oneOf(item, "type", Set.of("physical", "digital"));
		checks.string(item, "sku", 0, 255);
		checks.string(item, "description");
		checks.oneOf(item, "inventory_tracking", Set.of("none", "product", "variant"));
		checks.oneOf(item, "availability", Set.of("available", "disabled", "preorder"));
		checks.oneOf(item, "condition", Set.of("New", "Used", "Refurbished"));
		checks.string(item, "upc", 0, 255);
		checks.string(item, "mpn");
		checks.string(item, "gtin");
		NUMBER_FIELDS.forEach(field -> checks.number(item, field, 0));
		checks.integer(item, "brand_id", 0, 1_000_000_000);
		checks.integer(item, "inventory_level", 0, 1_000_000_000);
		checks.integer(item, "inventory_warning_level", 0, 1_000_000_000);
		checks.integer(item, "sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE);
		BOOLEAN_FIELDS.forEach(field -> checks.bool(item, field));
		checks.integers(item, "categories");
		if (checks.ok() && item.has("categories")) {
			for (JsonNode category : item.get("categories")) {
				if (!categories.contains(category.intValue())) {
					checks.fail("categories", "Category with id " + category.intValue() + " does not exist");
				}
			}
		}
	}

	private ObjectNode newProduct(int id, String now) {
		ObjectNode product = mapper.createObjectNode();
		product.put("id", id);
		TEXT_FIELDS.forEach(field -> product.put(field, ""));
		product.put("inventory_tracking", "none");
		product.put("availability", "available");
		product.put("condition", "New");
		NUMBER_FIELDS.forEach(field -> product.put(field, 0));
		product.put("calculated_price", 0);
		INTEGER_FIELDS.forEach(field -> product.put(field, 0));
		product.put("is_visible", true);
		product.put("is_featured", false);
		product.put("is_free_shipping", false);
		product.putArray("categories");
		product.putObject("custom_url").put("url", "").put("is_customized", false);
		product.put("date_created", now);
		product.put("date_modified", now);
		return product;
	}

	private static ObjectNode apply(ObjectNode product, JsonNode item, String now) {
		for (String field : TEXT_FIELDS) {
			if (item.has(field)) {
				product.put(field, item.get(field).stringValue());
			}
		}
		for (String field : NUMBER_FIELDS) {
			if (item.has(field)) {
				product.set(field, item.get(field).deepCopy());
			}
		}
		for (String field : INTEGER_FIELDS) {
			if (item.has(field)) {
				product.put(field, item.get(field).intValue());
			}
		}
		for (String field : BOOLEAN_FIELDS) {
			if (item.has(field)) {
				product.put(field, item.get(field).booleanValue());
			}
		}
		if (item.has("categories")) {
			product.set("categories", item.get("categories").deepCopy());
		}
		// The price a shopper pays: the sale price when there is one.
		JsonNode salePrice = product.get("sale_price");
		product.set("calculated_price", (salePrice.doubleValue() > 0 ? salePrice : product.get("price")).deepCopy());
		ObjectNode url = (ObjectNode) product.get("custom_url");
		if (!url.get("is_customized").booleanValue()) {
			url.put("url", "/" + CategoryBook.slug(product.get("name").stringValue()) + "/");
		}
		product.put("date_modified", now);
		return product;
	}

	private static void checkUnique(Table products, ObjectNode product, String keyPrefix,
			Map<String, String> conflicts) {
		int id = product.get("id").intValue();
		String name = product.get("name").stringValue().toLowerCase(Locale.ROOT);
		String sku = product.get("sku").stringValue();
		for (ObjectNode other : products.rows()) {
			if (other.get("id").intValue() == id) {
				continue;
			}
			if (other.get("name").stringValue().toLowerCase(Locale.ROOT).equals(name)) {
				conflicts.putIfAbsent(keyPrefix + "name", "The product name is a duplicate: product "
						+ other.get("id").intValue() + " is already named " + other.get("name").stringValue());
			}
			if (!sku.isEmpty() && other.get("sku").stringValue().equals(sku)) {
				conflicts.putIfAbsent(keyPrefix + "sku", "The product sku is a duplicate: product "
						+ other.get("id").intValue() + " already has SKU " + sku);
			}
		}
	}

	private static void throwConflicts(Map<String, String> conflicts) {
		if (conflicts.isEmpty()) {
			return;
		}
		String firstField = conflicts.keySet().iterator().next();
		String title = firstField.endsWith("name") ? "The product name is a duplicate"
				: "The product sku is a duplicate";
		throw new SandboxRejection(409, title, conflicts);
	}

}
