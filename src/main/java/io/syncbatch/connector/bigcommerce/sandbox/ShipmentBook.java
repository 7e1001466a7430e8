package io.syncbatch.connector.bigcommerce.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.sandbox.Router;
import io.syncbatch.connector.sandbox.SandboxRejection;
import io.syncbatch.connector.sandbox.Table;
import io.syncbatch.connector.sandbox.StoreData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shipments of an order ({@code /v2/orders/{id}/shipments}). Shipping items updates what
 * the order says was shipped: each order product's {@code quantity_shipped}, the
 * address's and the order's {@code items_shipped}, and the order's status, 2 (Shipped)
 * once everything is shipped and 3 (Partially Shipped) before that. A shipment's items
 * cannot be changed afterwards.
 */
final class ShipmentBook {

	private static final List<String> TEXT_FIELDS = List.of("tracking_number", "shipping_method", "shipping_provider",
			"tracking_carrier", "comments");

	// From orderShipment_Post; the contract's prose also allows an empty string.
	private static final Set<String> PROVIDERS = Set.of("", "auspost", "canadapost", "endicia", "usps", "fedex", "ups",
			"upsready", "upsonline", "shipperhq");

	private static final Set<String> POST_FIELDS = Set.of("order_address_id", "items", "tracking_number",
			"shipping_method", "shipping_provider", "tracking_carrier", "comments");

	private static final Set<String> PUT_FIELDS = Set.of("order_address_id", "tracking_number", "shipping_method",
			"shipping_provider", "tracking_carrier", "comments");

	private final StoreData data;

	private final Replies replies;

	private final JsonMapper mapper;

	private final Clock clock;

	ShipmentBook(StoreData data, Replies replies, JsonMapper mapper, Clock clock) {
		this.data = data;
		this.replies = replies;
		this.mapper = mapper;
		this.clock = clock;
	}

	void addRoutes(Router router) {
		router
			.add("GET", "/v2/orders/{id}/shipments", Set.of("page", "limit"),
					request -> replies.v2Page(list(request.id(0)), PageRequest.from(request.query())))
			.add("POST", "/v2/orders/{id}/shipments", Set.of(),
					request -> replies.v2Object(201, create(request.id(0), request.json())))
			.add("GET", "/v2/orders/{id}/shipments/{id}", Set.of(),
					request -> replies.v2Object(200, get(request.id(0), request.id(1))))
			.add("PUT", "/v2/orders/{id}/shipments/{id}", Set.of(),
					request -> replies.v2Object(200, update(request.id(0), request.id(1), request.json())));
	}

	/** Every shipment of every order, ordered by id; each names its order_id. */
	List<Map<String, Object>> snapshot() {
		return data.snapshot(SandboxTables.SHIPMENTS);
	}

	private List<ObjectNode> list(int orderId) {
		return data.read(tables -> {
			OrderBook.existing(tables, orderId);
			List<ObjectNode> shipments = new ArrayList<>();
			for (ObjectNode shipment : tables.get(SandboxTables.SHIPMENTS).rows()) {
				if (shipment.get("order_id").intValue() == orderId) {
					shipments.add(shipment);
				}
			}
			return shipments;
		});
	}

	private ObjectNode get(int orderId, int shipmentId) {
		return data.read(tables -> existing(tables, orderId, shipmentId).deepCopy());
	}

	ObjectNode create(int orderId, JsonNode body) {
		requireObject(body);
		return data.write(tables -> {
			ObjectNode order = OrderBook.existing(tables, orderId);
			Table lines = tables.get(SandboxTables.ORDER_PRODUCTS);
			Checks checks = Checks.fresh();
			refuseOtherFields(checks, body, POST_FIELDS);
			checkTextFields(checks, body);
			if (checks.required(body, "order_address_id")) {
				checkAddress(checks, tables.get(SandboxTables.ORDER_ADDRESSES), orderId, body.get("order_address_id"));
			}
			Map<Integer, Integer> quantities = checkItems(checks, body.get("items"), lines, orderId);
			if (!checks.ok()) {
				throw new SandboxRejection(400, "The shipment is not valid", checks.errors());
			}

			Instant at = Instant.now(clock);
			String now = Json.v2Date(at);
			int addressId = body.get("order_address_id").intValue();
			Table shipments = tables.get(SandboxTables.SHIPMENTS);
			ObjectNode shipment = mapper.createObjectNode();
			shipment.put("id", shipments.allocateId());
			shipment.put("order_id", orderId);
			shipment.put("customer_id", order.get("customer_id").intValue());
			shipment.put("order_address_id", addressId);
			shipment.put("date_created", now);
			TEXT_FIELDS.forEach(field -> shipment.put(field, body.path(field).asString("")));
			shipment.put("tracking_link", "");
			ObjectNode billing = (ObjectNode) order.get("billing_address").deepCopy();
			billing.remove("form_fields");
			shipment.set("billing_address", billing);
			shipment.set("shipping_address",
					shippingAddress(Objects.requireNonNull(tables.get(SandboxTables.ORDER_ADDRESSES).get(addressId))));
			ArrayNode items = shipment.putArray("items");
			int shipped = 0;
			for (Map.Entry<Integer, Integer> entry : quantities.entrySet()) {
				ObjectNode line = Objects.requireNonNull(lines.get(entry.getKey())).deepCopy();
				line.put("quantity_shipped", line.get("quantity_shipped").intValue() + entry.getValue());
				lines.put(line);
				items.addObject()
					.put("order_product_id", entry.getKey())
					.put("product_id", line.get("product_id").intValue())
					.put("quantity", entry.getValue());
				shipped += entry.getValue();
			}
			shipments.put(shipment);
			recordShipped(tables, order, addressId, shipped, at);
			return shipment.deepCopy();
		});
	}

	ObjectNode update(int orderId, int shipmentId, JsonNode body) {
		requireObject(body);
		return data.write(tables -> {
			ObjectNode existing = existing(tables, orderId, shipmentId);
			Checks checks = Checks.fresh();
			if (body.has("items")) {
				checks.fail("items", "The field 'items' cannot be written to. Please remove it from your request"
						+ " before trying again.");
			}
			refuseOtherFields(checks, body, PUT_FIELDS);
			checkTextFields(checks, body);
			if (body.has("order_address_id")) {
				checkAddress(checks, tables.get(SandboxTables.ORDER_ADDRESSES), orderId, body.get("order_address_id"));
			}
			if (!checks.ok()) {
				throw new SandboxRejection(400, "The shipment is not valid", checks.errors());
			}
			ObjectNode shipment = existing.deepCopy();
			for (String field : TEXT_FIELDS) {
				if (body.has(field)) {
					shipment.put(field, body.get(field).stringValue());
				}
			}
			if (body.has("order_address_id")) {
				int addressId = body.get("order_address_id").intValue();
				shipment.put("order_address_id", addressId);
				shipment.set("shipping_address", shippingAddress(
						Objects.requireNonNull(tables.get(SandboxTables.ORDER_ADDRESSES).get(addressId))));
			}
			tables.get(SandboxTables.SHIPMENTS).put(shipment);
			return shipment.deepCopy();
		});
	}

	private static ObjectNode existing(StoreData.Tables tables, int orderId, int shipmentId) {
		OrderBook.existing(tables, orderId);
		ObjectNode shipment = tables.get(SandboxTables.SHIPMENTS).get(shipmentId);
		if (shipment == null || shipment.get("order_id").intValue() != orderId) {
			throw new SandboxRejection(404,
					"The requested resource was not found. Order " + orderId + " has no shipment " + shipmentId,
					Map.of());
		}
		return shipment;
	}

	private static void requireObject(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw SandboxRejection.badRequest("The request body must be a JSON object");
		}
	}

	private static void refuseOtherFields(Checks checks, JsonNode body, Set<String> allowed) {
		for (String field : body.propertyNames()) {
			if (!allowed.contains(field) && !field.equals("items")) {
				checks.fail(field, "The field '" + field + "' is not supported by this sandbox store (supported: "
						+ String.join(", ", new TreeSet<>(allowed)) + ")");
			}
		}
	}

	private static void checkTextFields(Checks checks, JsonNode body) {
		TEXT_FIELDS.forEach(field -> checks.string(body, field));
		if (body.path("shipping_provider").isString()) {
			checks.oneOf(body, "shipping_provider", PROVIDERS);
		}
	}

	private static void checkAddress(Checks checks, Table addresses, int orderId, JsonNode addressId) {
		if (!Json.isInt(addressId)) {
			checks.fail("order_address_id", "order_address_id must be an integer");
			return;
		}
		ObjectNode address = addresses.get(addressId.intValue());
		if (address == null || address.get("order_id").intValue() != orderId) {
			checks.fail("order_address_id", "Order " + orderId + " has no shipping address " + addressId.intValue());
		}
	}

	/**
	 * The quantity to ship per order product, summed over items that name the same one.
	 */
	private static Map<Integer, Integer> checkItems(Checks checks, @Nullable JsonNode items, Table lines, int orderId) {
		Map<Integer, Integer> quantities = new LinkedHashMap<>();
		if (items == null || !items.isArray() || items.isEmpty()) {
			checks.fail("items", "The required field 'items' was not supplied: a shipment needs at least one item");
			return quantities;
		}
		for (int i = 0; i < items.size(); i++) {
			JsonNode item = items.get(i);
			Checks itemChecks = checks.nested("items[" + i + "]");
			if (!item.isObject()) {
				checks.fail("items[" + i + "]", "Each item must be an object");
				continue;
			}
			for (String field : item.propertyNames()) {
				if (!Set.of("order_product_id", "quantity", "product_id").contains(field)) {
					itemChecks.fail(field, "The field '" + field + "' is not supported by this sandbox store");
				}
			}
			itemChecks.required(item, "order_product_id");
			itemChecks.required(item, "quantity");
			itemChecks.integer(item, "quantity", 1, Integer.MAX_VALUE);
			JsonNode lineId = item.get("order_product_id");
			if (lineId != null && !lineId.isNull()) {
				ObjectNode line = Json.isInt(lineId) ? lines.get(lineId.intValue()) : null;
				if (line == null || line.get("order_id").intValue() != orderId) {
					itemChecks.fail("order_product_id", "Order " + orderId + " has no order product " + lineId);
				}
				else if (item.has("product_id") && item.get("product_id").asInt(-1) != 0
						&& item.get("product_id").asInt(-1) != line.get("product_id").intValue()) {
					itemChecks.fail("product_id", "Order product " + lineId + " is product "
							+ line.get("product_id").intValue() + ", not " + item.get("product_id"));
				}
				else if (Json.isInt(item.get("quantity")) && item.get("quantity").intValue() > 0) {
					quantities.merge(lineId.intValue(), item.get("quantity").intValue(), Integer::sum);
				}
			}
		}
		for (Map.Entry<Integer, Integer> entry : quantities.entrySet()) {
			ObjectNode line = Objects.requireNonNull(lines.get(entry.getKey()));
			int left = line.get("quantity").intValue() - line.get("quantity_shipped").intValue();
			if (entry.getValue() > left) {
				checks.fail("items", "Order product " + entry.getKey() + " (" + line.get("name").stringValue()
						+ ") has " + left + " left to ship, but " + entry.getValue() + " were requested");
			}
		}
		return quantities;
	}

	private ObjectNode shippingAddress(ObjectNode orderAddress) {
		ObjectNode address = mapper.createObjectNode();
		for (String field : OrderAddresses.FIELDS) {
			address.put(field, orderAddress.get(field).stringValue());
		}
		address.put("shipping_method", orderAddress.get("shipping_method").stringValue());
		return address;
	}

	private static void recordShipped(StoreData.Tables tables, ObjectNode order, int addressId, int shipped,
			Instant now) {
		Table addresses = tables.get(SandboxTables.ORDER_ADDRESSES);
		ObjectNode address = Objects.requireNonNull(addresses.get(addressId)).deepCopy();
		address.put("items_shipped", address.get("items_shipped").intValue() + shipped);
		addresses.put(address);

		int orderId = order.get("id").intValue();
		boolean everythingShipped = true;
		for (ObjectNode line : tables.get(SandboxTables.ORDER_PRODUCTS).rows()) {
			if (line.get("order_id").intValue() == orderId
					&& line.get("quantity_shipped").intValue() < line.get("quantity").intValue()) {
				everythingShipped = false;
			}
		}
		ObjectNode updated = order.deepCopy();
		updated.put("items_shipped", order.get("items_shipped").intValue() + shipped);
		int status = everythingShipped ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED;
		updated.put("status_id", status);
		updated.put("status", OrderStatus.nameOf(status));
		if (everythingShipped) {
			updated.put("date_shipped", Json.v2Date(now));
		}
		OrderBook.changed(updated, now);
		tables.get(SandboxTables.ORDERS).put(updated);
	}

}
