package io.syncbatch.connector.bigcommerce.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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
 * Orders ({@code /v2/orders}) with their products and shipping addresses, and the order
 * statuses.
 *
 * <p>
 * A new order needs a {@code billing_address} with at least first_name, last_name,
 * street_1, city, zip, country_iso2 and email, and a non-empty {@code products} list.
 * Each product is either a catalog product ({@code product_id} of an existing product,
 * {@code quantity} &gt; 0, optional {@code price_inc_tax} and {@code price_ex_tax}, which
 * default to the catalog price) or a custom product ({@code name}, {@code quantity},
 * {@code price_inc_tax}, {@code price_ex_tax}, optional {@code sku}). {@code customer_id}
 * is 0 (a guest) or an existing customer, {@code status_id} one of the fifteen statuses
 * (default 1, Pending). Without {@code shipping_addresses} the billing address is also
 * the one shipping address. All products are assigned to the first shipping address.
 *
 * <p>
 * {@code GET /v2/orders} filters by {@code customer_id}, {@code min_id}/{@code max_id}
 * and {@code min_date_modified}/{@code max_date_modified} (inclusive, RFC-2822 or
 * ISO-8601 with an offset), and sorts by {@code id}, {@code date_created} or
 * {@code date_modified}, each optionally {@code :asc} or {@code :desc}. Every change of
 * an order moves its {@code date_modified} on by at least a second.
 *
 * <p>
 * v2 refuses a field it cannot write with 400 rather than ignoring it, and so does this
 * sandbox for any field it does not implement: silently dropping e.g. a shipping cost
 * would leave the order with the wrong totals.
 */
final class OrderBook {

	static final String EXTERNAL_ID_READ_ONLY = "The field 'external_id' cannot be written to. Please remove it from"
			+ " your request before trying again.";

	private static final Set<String> POST_FIELDS = Set.of("billing_address", "products", "shipping_addresses",
			"customer_id", "status_id", "external_id", "staff_notes", "customer_message");

	private static final Set<String> PUT_FIELDS = Set.of("status_id", "staff_notes", "customer_message",
			"billing_address", "customer_id");

	private static final Set<String> CATALOG_PRODUCT_FIELDS = Set.of("product_id", "quantity", "price_inc_tax",
			"price_ex_tax", "name");

	private static final Set<String> CUSTOM_PRODUCT_FIELDS = Set.of("name", "quantity", "price_inc_tax", "price_ex_tax",
			"sku", "upc");

	private static final Set<String> SORTS = Set.of("id", "id:asc", "id:desc", "date_created", "date_created:asc",
			"date_created:desc", "date_modified", "date_modified:asc", "date_modified:desc");

	private final StoreData data;

	private final Replies replies;

	private final JsonMapper mapper;

	private final Clock clock;

	OrderBook(StoreData data, Replies replies, JsonMapper mapper, Clock clock) {
		this.data = data;
		this.replies = replies;
		this.mapper = mapper;
		this.clock = clock;
	}

	void addRoutes(Router router) {
		Set<String> paging = Set.of("page", "limit");
		router
			.add("GET", "/v2/orders",
					Set.of("customer_id", "min_id", "max_id", "min_date_modified", "max_date_modified", "page", "limit",
							"sort"),
					this::list)
			.add("POST", "/v2/orders", Set.of(),
					request -> replies.v2Object(200, create(request.json(), request.linkBase())))
			.add("GET", "/v2/orders/{id}", Set.of(), request -> replies.v2Object(200, get(request)))
			.add("PUT", "/v2/orders/{id}", Set.of(),
					request -> replies.v2Object(200, update(request.id(0), request.json(), request.linkBase())))
			.add("GET", "/v2/orders/{id}/products", paging,
					request -> replies.v2Page(children(request.id(0), SandboxTables.ORDER_PRODUCTS),
							PageRequest.from(request.query())))
			.add("GET", "/v2/orders/{id}/shipping_addresses", paging,
					request -> replies.v2Page(children(request.id(0), SandboxTables.ORDER_ADDRESSES),
							PageRequest.from(request.query())))
			.add("GET", "/v2/order_statuses", Set.of(), request -> statuses());
	}

	/**
	 * Every order as {@code GET /v2/orders/{id}} answers it, links starting with
	 * {@code linkBase}.
	 */
	List<Map<String, Object>> snapshot(String linkBase) {
		return Json.toMaps(mapper, data.read(tables -> {
			List<ObjectNode> orders = new ArrayList<>();
			tables.get(SandboxTables.ORDERS).rows().forEach(order -> orders.add(render(order, linkBase)));
			return orders;
		}));
	}

	private Reply statuses() {
		ArrayNode all = mapper.createArrayNode();
		OrderStatus.ALL.forEach(status -> all.add(status.toJson(mapper)));
		return Reply.ok(all);
	}

	private Reply list(SandboxRequest request) {
		Map<String, String> query = request.query();
		Integer customerId = query.containsKey("customer_id") ? Queries.intAtLeast(query, "customer_id", 0) : null;
		int minId = query.containsKey("min_id") ? Queries.positiveInt(query, "min_id") : 1;
		int maxId = query.containsKey("max_id") ? Queries.positiveInt(query, "max_id") : Integer.MAX_VALUE;
		Instant modifiedFrom = Queries.v2Date(query, "min_date_modified");
		Instant modifiedTo = Queries.v2Date(query, "max_date_modified");
		String sort = query.getOrDefault("sort", "id");
		if (!SORTS.contains(sort)) {
			throw SandboxRejection.badRequest("Query parameter sort=" + sort + " is not supported by this sandbox store"
					+ " (supported: " + String.join(", ", new TreeSet<>(SORTS)) + ")");
		}
		PageRequest page = PageRequest.from(query);
		return data.read(tables -> {
			List<ObjectNode> matching = new ArrayList<>();
			for (ObjectNode order : tables.get(SandboxTables.ORDERS).rows()) {
				int id = order.get("id").intValue();
				Instant modified = Json.parseV2Date(order.get("date_modified").stringValue());
				if (id >= minId && id <= maxId
						&& (customerId == null || customerId == order.get("customer_id").intValue())
						&& (modifiedFrom == null || !modified.isBefore(modifiedFrom))
						&& (modifiedTo == null || !modified.isAfter(modifiedTo))) {
					matching.add(render(order, request.linkBase()));
				}
			}
			// Dates have whole seconds, so the id breaks ties as it does in BigCommerce.
			Comparator<ObjectNode> sorting = Comparator.comparingInt(row -> row.get("id").intValue());
			String field = sort.split(":")[0];
			if (!field.equals("id")) {
				Comparator<ObjectNode> byDate = Comparator
					.comparing(row -> Json.parseV2Date(row.get(field).stringValue()));
				sorting = byDate.thenComparing(sorting);
			}
			matching.sort(sort.endsWith(":desc") ? sorting.reversed() : sorting);
			return replies.v2Page(matching, page);
		});
	}

	private ObjectNode get(SandboxRequest request) {
		return data.read(tables -> render(existing(tables, request.id(0)), request.linkBase()));
	}

	private List<ObjectNode> children(int orderId, String table) {
		return data.read(tables -> {
			existing(tables, orderId);
			List<ObjectNode> children = new ArrayList<>();
			for (ObjectNode child : tables.get(table).rows()) {
				if (child.get("order_id").intValue() == orderId) {
					children.add(child.deepCopy());
				}
			}
			return children;
		});
	}

	static ObjectNode existing(StoreData.Tables tables, int orderId) {
		ObjectNode order = tables.get(SandboxTables.ORDERS).get(orderId);
		if (order == null) {
			throw new SandboxRejection(404, "The requested resource was not found. There is no order " + orderId,
					Map.of());
		}
		return order;
	}

	ObjectNode create(JsonNode body, String linkBase) {
		requireObject(body);
		return data.write(tables -> {
			Checks checks = Checks.fresh();
			for (String field : body.propertyNames()) {
				if (!POST_FIELDS.contains(field)) {
					checks.fail(field, "The field '" + field + "' is not supported by this sandbox store");
				}
			}
			checkBillingAddress(checks, body.get("billing_address"), true);
			checkProducts(checks, body.get("products"), tables.get(SandboxTables.PRODUCTS));
			checkShippingAddresses(checks, body.get("shipping_addresses"));
			checkCommonFields(checks, body, tables.get(SandboxTables.CUSTOMERS));
			if (body.has("external_id") && !body.get("external_id").isNull() && !body.get("external_id").isString()) {
				checks.fail("external_id", "external_id must be a string");
			}
			throwIfInvalid(checks);

			Table orders = tables.get(SandboxTables.ORDERS);
			String now = Json.v2Date(Instant.now(clock));
			int orderId = orders.allocateId();
			ObjectNode billing = OrderAddresses.normalized(mapper, body.get("billing_address"));
			List<Integer> addressIds = storeShippingAddresses(tables.get(SandboxTables.ORDER_ADDRESSES), orderId,
					body.path("shipping_addresses"), billing);
			List<ObjectNode> lines = storeProducts(tables, orderId, addressIds.get(0), body.get("products"));

			ObjectNode order = mapper.createObjectNode();
			order.put("id", orderId);
			order.put("customer_id", body.path("customer_id").asInt(0));
			order.put("date_created", now);
			order.put("date_modified", now);
			order.put("date_shipped", "");
			int statusId = body.path("status_id").asInt(OrderStatus.PENDING);
			order.put("status_id", statusId);
			order.put("status", OrderStatus.nameOf(statusId));
			BigDecimal exTax = sum(lines, "total_ex_tax");
			BigDecimal incTax = sum(lines, "total_inc_tax");
			order.put("subtotal_ex_tax", Json.money(exTax));
			order.put("subtotal_inc_tax", Json.money(incTax));
			order.put("subtotal_tax", Json.money(incTax.subtract(exTax)));
			order.put("base_shipping_cost", Json.money(BigDecimal.ZERO));
			order.put("shipping_cost_ex_tax", Json.money(BigDecimal.ZERO));
			order.put("shipping_cost_inc_tax", Json.money(BigDecimal.ZERO));
			order.put("total_ex_tax", Json.money(exTax));
			order.put("total_inc_tax", Json.money(incTax));
			int itemsTotal = 0;
			for (ObjectNode line : lines) {
				itemsTotal += line.get("quantity").intValue();
			}
			order.put("items_total", itemsTotal);
			order.put("items_shipped", 0);
			order.put("refunded_amount", Json.money(BigDecimal.ZERO));
			order.put("discount_amount", Json.money(BigDecimal.ZERO));
			order.put("shipping_address_count", addressIds.size());
			order.put("is_deleted", false);
			order.put("order_source", "external");
			order.put("staff_notes", body.path("staff_notes").asString(""));
			order.put("customer_message", body.path("customer_message").asString(""));
			if (body.hasNonNull("external_id")) {
				order.put("external_id", body.get("external_id").stringValue());
			}
			else {
				order.putNull("external_id");
			}
			order.set("billing_address", withFormFields(billing));
			orders.put(order);
			return render(order, linkBase);
		});
	}

	ObjectNode update(int orderId, JsonNode body, String linkBase) {
		requireObject(body);
		if (body.has("external_id")) {
			throw SandboxRejection.badRequest(EXTERNAL_ID_READ_ONLY);
		}
		return data.write(tables -> {
			ObjectNode existing = existing(tables, orderId);
			Checks checks = Checks.fresh();
			for (String field : body.propertyNames()) {
				if (!PUT_FIELDS.contains(field)) {
					checks.fail(field,
							"The field '" + field + "' cannot be written to by this sandbox store" + " (it updates "
									+ String.join(", ", new TreeSet<>(PUT_FIELDS))
									+ "). Please remove it from your request before trying again.");
				}
			}
			checkCommonFields(checks, body, tables.get(SandboxTables.CUSTOMERS));
			ObjectNode billing = (ObjectNode) existing.get("billing_address").deepCopy();
			if (body.has("billing_address")) {
				JsonNode given = body.get("billing_address");
				checkBillingAddress(checks, given, false);
				if (given.isObject()) {
					OrderAddresses.merge(billing, given);
					ObjectNode merged = billing.deepCopy();
					merged.remove("form_fields");
					OrderAddresses.check(checks.nested("billing_address"), merged, OrderAddresses.REQUIRED_BILLING,
							Set.of());
				}
			}
			throwIfInvalid(checks);
			ObjectNode order = existing.deepCopy();
			if (body.has("status_id")) {
				order.put("status_id", body.get("status_id").intValue());
				order.put("status", OrderStatus.nameOf(body.get("status_id").intValue()));
			}
			if (body.has("customer_id")) {
				order.put("customer_id", body.get("customer_id").intValue());
			}
			for (String field : List.of("staff_notes", "customer_message")) {
				if (body.has(field)) {
					order.put(field, body.get(field).stringValue());
				}
			}
			order.set("billing_address", billing);
			changed(order, Instant.now(clock));
			tables.get(SandboxTables.ORDERS).put(order);
			return render(order, linkBase);
		});
	}

	/**
	 * Marks a copy of a stored order as changed at {@code now}: every change that
	 * rewrites an order row moves its date_modified on, so that whoever reads orders by
	 * modification date sees each change.
	 */
	static void changed(ObjectNode order, Instant now) {
		Instant previous = Json.parseV2Date(order.get("date_modified").stringValue());
		order.put("date_modified", Json.v2Date(ChangeTime.after(previous, now)));
	}

	private static void requireObject(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw SandboxRejection.badRequest("The request body must be a JSON object");
		}
	}

	private static void throwIfInvalid(Checks checks) {
		if (!checks.ok()) {
			throw new SandboxRejection(400, "The order is not valid", checks.errors());
		}
	}

	private static void checkBillingAddress(Checks checks, @Nullable JsonNode billing, boolean creating) {
		if (billing == null || billing.isNull()) {
			if (creating) {
				checks.fail("billing_address", "The required field 'billing_address' was not supplied.");
			}
			return;
		}
		if (!billing.isObject()) {
			checks.fail("billing_address", "billing_address must be an object");
			return;
		}
		// On update, required fields are checked after merging with the stored address.
		OrderAddresses.check(checks.nested("billing_address"), billing,
				creating ? OrderAddresses.REQUIRED_BILLING : List.of(), Set.of());
	}

	private static void checkShippingAddresses(Checks checks, @Nullable JsonNode addresses) {
		if (addresses == null || addresses.isNull()) {
			return;
		}
		if (!addresses.isArray()) {
			checks.fail("shipping_addresses", "shipping_addresses must be an array of addresses");
			return;
		}
		for (int i = 0; i < addresses.size(); i++) {
			JsonNode address = addresses.get(i);
			if (!address.isObject()) {
				checks.fail("shipping_addresses[" + i + "]", "Each shipping address must be an object");
			}
			else {
				OrderAddresses.check(checks.nested("shipping_addresses[" + i + "]"), address,
						OrderAddresses.REQUIRED_SHIPPING, Set.of("shipping_method"));
			}
		}
	}

	private static void checkProducts(Checks checks, @Nullable JsonNode products, Table catalog) {
		if (products == null || !products.isArray() || products.isEmpty()) {
			checks.fail("products",
					"The required field 'products' was not supplied: an order needs at least one" + " product");
			return;
		}
		for (int i = 0; i < products.size(); i++) {
			JsonNode line = products.get(i);
			String key = "products[" + i + "]";
			if (!line.isObject()) {
				checks.fail(key, "Each product must be an object");
				continue;
			}
			Checks lineChecks = checks.nested(key);
			boolean fromCatalog = line.has("product_id");
			Set<String> allowed = fromCatalog ? CATALOG_PRODUCT_FIELDS : CUSTOM_PRODUCT_FIELDS;
			for (String field : line.propertyNames()) {
				if (!allowed.contains(field)) {
					lineChecks.fail(field, "The field '" + field + "' is not supported by this sandbox store for a "
							+ (fromCatalog ? "catalog" : "custom") + " product");
				}
			}
			if (fromCatalog) {
				JsonNode productId = line.get("product_id");
				if (!Json.isInt(productId)) {
					lineChecks.fail("product_id", "product_id must be an integer");
				}
				else if (!catalog.contains(productId.intValue())) {
					lineChecks.fail("product_id", "Product with id " + productId.intValue() + " does not exist");
				}
				lineChecks.required(line, "quantity");
			}
			else {
				for (String field : List.of("name", "quantity", "price_inc_tax", "price_ex_tax")) {
					lineChecks.required(line, field);
				}
			}
			lineChecks.string(line, "name", 1, Integer.MAX_VALUE);
			lineChecks.string(line, "sku");
			lineChecks.string(line, "upc");
			lineChecks.integer(line, "quantity", 1, Integer.MAX_VALUE);
			lineChecks.number(line, "price_inc_tax", 0);
			lineChecks.number(line, "price_ex_tax", 0);
		}
	}

	private static void checkCommonFields(Checks checks, JsonNode body, Table customers) {
		checks.integer(body, "customer_id", 0, Integer.MAX_VALUE);
		if (Json.isInt(body.get("customer_id")) && body.get("customer_id").intValue() != 0
				&& !customers.contains(body.get("customer_id").intValue())) {
			checks.fail("customer_id", "Customer with id " + body.get("customer_id").intValue() + " does not exist");
		}
		checks.integer(body, "status_id", 0, OrderStatus.ALL.size() - 1);
		checks.string(body, "staff_notes");
		checks.string(body, "customer_message");
	}

	private List<Integer> storeShippingAddresses(Table addresses, int orderId, JsonNode given, ObjectNode billing) {
		List<JsonNode> sources = new ArrayList<>();
		given.forEach(sources::add);
		if (sources.isEmpty()) {
			sources.add(billing);
		}
		List<Integer> ids = new ArrayList<>();
		for (JsonNode source : sources) {
			ObjectNode address = mapper.createObjectNode();
			int id = addresses.allocateId();
			address.put("id", id);
			address.put("order_id", orderId);
			address.setAll(OrderAddresses.normalized(mapper, source));
			address.put("items_total", 0);
			address.put("items_shipped", 0);
			address.put("shipping_method", source.path("shipping_method").asString(""));
			address.put("base_cost", Json.money(BigDecimal.ZERO));
			address.put("cost_ex_tax", Json.money(BigDecimal.ZERO));
			address.put("cost_inc_tax", Json.money(BigDecimal.ZERO));
			address.put("cost_tax", Json.money(BigDecimal.ZERO));
			address.putArray("form_fields");
			addresses.put(address);
			ids.add(id);
		}
		return ids;
	}

	private List<ObjectNode> storeProducts(StoreData.Tables tables, int orderId, int addressId, JsonNode products) {
		Table lines = tables.get(SandboxTables.ORDER_PRODUCTS);
		Table catalog = tables.get(SandboxTables.PRODUCTS);
		List<ObjectNode> stored = new ArrayList<>();
		int itemsTotal = 0;
		for (JsonNode given : products) {
			ObjectNode catalogProduct = given.has("product_id") ? catalog.get(given.get("product_id").intValue())
					: null;
			BigDecimal catalogPrice = catalogProduct == null ? null
					: Json.decimal(catalogProduct.get("calculated_price"));
			// checkProducts requires both prices of a product that is not from the
			// catalog
			BigDecimal incTax = given.has("price_inc_tax") ? Json.decimal(given.get("price_inc_tax"))
					: given.has("price_ex_tax") ? Json.decimal(given.get("price_ex_tax"))
							: Objects.requireNonNull(catalogPrice);
			BigDecimal exTax = given.has("price_ex_tax") ? Json.decimal(given.get("price_ex_tax")) : incTax;
			int quantity = given.get("quantity").intValue();
			BigDecimal count = BigDecimal.valueOf(quantity);

			ObjectNode line = mapper.createObjectNode();
			line.put("id", lines.allocateId());
			line.put("order_id", orderId);
			line.put("product_id", catalogProduct == null ? 0 : catalogProduct.get("id").intValue());
			line.put("order_address_id", addressId);
			line.put("name", given.has("name") ? given.get("name").stringValue()
					: Objects.requireNonNull(catalogProduct).get("name").stringValue());
			line.put("sku",
					catalogProduct != null ? catalogProduct.get("sku").stringValue() : given.path("sku").asString(""));
			line.put("upc",
					catalogProduct != null ? catalogProduct.get("upc").stringValue() : given.path("upc").asString(""));
			line.put("type", catalogProduct == null ? "physical" : catalogProduct.get("type").stringValue());
			line.put("base_price", Json.money(exTax));
			line.put("price_ex_tax", Json.money(exTax));
			line.put("price_inc_tax", Json.money(incTax));
			line.put("price_tax", Json.money(incTax.subtract(exTax)));
			line.put("base_total", Json.money(exTax.multiply(count)));
			line.put("total_ex_tax", Json.money(exTax.multiply(count)));
			line.put("total_inc_tax", Json.money(incTax.multiply(count)));
			line.put("total_tax", Json.money(incTax.subtract(exTax).multiply(count)));
			line.put("quantity", quantity);
			line.put("quantity_shipped", 0);
			line.put("is_refunded", false);
			line.put("refunded_amount", Json.money(BigDecimal.ZERO));
			line.putArray("product_options");
			line.putArray("applied_discounts");
			lines.put(line);
			stored.add(line);
			itemsTotal += quantity;
		}
		Table addresses = tables.get(SandboxTables.ORDER_ADDRESSES);
		ObjectNode address = Objects.requireNonNull(addresses.get(addressId)).deepCopy();
		address.put("items_total", itemsTotal);
		addresses.put(address);
		return stored;
	}

	private static BigDecimal sum(List<ObjectNode> lines, String field) {
		BigDecimal total = BigDecimal.ZERO;
		for (ObjectNode line : lines) {
			total = total.add(new BigDecimal(line.get(field).stringValue()));
		}
		return total;
	}

	private static ObjectNode withFormFields(ObjectNode billing) {
		billing.putArray("form_fields");
		return billing;
	}

	/** The stored order plus the resource links BigCommerce answers with. */
	private ObjectNode render(ObjectNode order, String linkBase) {
		ObjectNode rendered = order.deepCopy();
		int id = order.get("id").intValue();
		for (String child : List.of("products", "shipping_addresses")) {
			String resource = "/orders/" + id + "/" + child;
			rendered.putObject(child).put("url", linkBase + "/v2" + resource).put("resource", resource);
		}
		return rendered;
	}

}
