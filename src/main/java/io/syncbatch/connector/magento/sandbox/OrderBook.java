package io.syncbatch.connector.magento.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.syncbatch.connector.magento.MagentoTime;
import io.syncbatch.connector.sandbox.Reply;
import io.syncbatch.connector.sandbox.Router;
import io.syncbatch.connector.sandbox.SandboxRequest;
import io.syncbatch.connector.sandbox.StoreData;
import io.syncbatch.connector.sandbox.Table;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Magento's orders: {@code POST /V1/orders} with the order wrapped as {@code {"entity":
 * {…}}} (how a test or the demo places one), {@code GET /V1/orders/{id}}, {@code GET
 * /V1/orders} with searchCriteria, and the order's comments, {@code POST} and {@code GET
 * /V1/orders/{id}/comments}. A new order is {@code new}/{@code pending}, with its
 * increment id, its items' ids and row totals and its billing address's id; a comment
 * with a status gives the order that status. As Magento, it refuses an order without an
 * email, items or a billing address, an item without a SKU, a name, a quantity or a
 * price, an address without what Magento requires of one, a customer it does not have,
 * and a field an order, an item or an address does not have.
 *
 * <p>
 * The rows keep their {@code entity_id} also as the {@code id} the store's tables key
 * them by; no answer shows it.
 */
final class OrderBook {

	static final String TABLE = "orders";

	/** sales-data-order-interface's properties in the published admin schema. */
	private static final Set<String> FIELDS = Set.of("adjustment_negative", "adjustment_positive", "applied_rule_ids",
			"base_adjustment_negative", "base_adjustment_positive", "base_currency_code", "base_discount_amount",
			"base_discount_canceled", "base_discount_invoiced", "base_discount_refunded", "base_grand_total",
			"base_discount_tax_compensation_amount", "base_discount_tax_compensation_invoiced",
			"base_discount_tax_compensation_refunded", "base_shipping_amount", "base_shipping_canceled",
			"base_shipping_discount_amount", "base_shipping_discount_tax_compensation_amnt", "base_shipping_incl_tax",
			"base_shipping_invoiced", "base_shipping_refunded", "base_shipping_tax_amount",
			"base_shipping_tax_refunded", "base_subtotal", "base_subtotal_canceled", "base_subtotal_incl_tax",
			"base_subtotal_invoiced", "base_subtotal_refunded", "base_tax_amount", "base_tax_canceled",
			"base_tax_invoiced", "base_tax_refunded", "base_total_canceled", "base_total_due", "base_total_invoiced",
			"base_total_invoiced_cost", "base_total_offline_refunded", "base_total_online_refunded", "base_total_paid",
			"base_total_qty_ordered", "base_total_refunded", "base_to_global_rate", "base_to_order_rate",
			"billing_address_id", "can_ship_partially", "can_ship_partially_item", "coupon_code", "created_at",
			"customer_dob", "customer_email", "customer_firstname", "customer_gender", "customer_group_id",
			"customer_id", "customer_is_guest", "customer_lastname", "customer_middlename", "customer_note",
			"customer_note_notify", "customer_prefix", "customer_suffix", "customer_taxvat", "discount_amount",
			"discount_canceled", "discount_description", "discount_invoiced", "discount_refunded", "edit_increment",
			"email_sent", "entity_id", "ext_customer_id", "ext_order_id", "forced_shipment_with_invoice",
			"global_currency_code", "grand_total", "discount_tax_compensation_amount",
			"discount_tax_compensation_invoiced", "discount_tax_compensation_refunded", "hold_before_state",
			"hold_before_status", "increment_id", "is_virtual", "order_currency_code", "original_increment_id",
			"payment_authorization_amount", "payment_auth_expiration", "protect_code", "quote_address_id", "quote_id",
			"relation_child_id", "relation_child_real_id", "relation_parent_id", "relation_parent_real_id", "remote_ip",
			"shipping_amount", "shipping_canceled", "shipping_description", "shipping_discount_amount",
			"shipping_discount_tax_compensation_amount", "shipping_incl_tax", "shipping_invoiced", "shipping_refunded",
			"shipping_tax_amount", "shipping_tax_refunded", "state", "status", "store_currency_code", "store_id",
			"store_name", "store_to_base_rate", "store_to_order_rate", "subtotal", "subtotal_canceled",
			"subtotal_incl_tax", "subtotal_invoiced", "subtotal_refunded", "tax_amount", "tax_canceled", "tax_invoiced",
			"tax_refunded", "total_canceled", "total_due", "total_invoiced", "total_item_count",
			"total_offline_refunded", "total_online_refunded", "total_paid", "total_qty_ordered", "total_refunded",
			"updated_at", "weight", "x_forwarded_for", "items", "billing_address", "payment", "status_histories",
			"extension_attributes");

	/** sales-data-order-item-interface's properties in the published admin schema. */
	private static final Set<String> ITEM_FIELDS = Set.of("additional_data", "amount_refunded", "applied_rule_ids",
			"base_amount_refunded", "base_cost", "base_discount_amount", "base_discount_invoiced",
			"base_discount_refunded", "base_discount_tax_compensation_amount",
			"base_discount_tax_compensation_invoiced", "base_discount_tax_compensation_refunded", "base_original_price",
			"base_price", "base_price_incl_tax", "base_row_invoiced", "base_row_total", "base_row_total_incl_tax",
			"base_tax_amount", "base_tax_before_discount", "base_tax_invoiced", "base_tax_refunded",
			"base_weee_tax_applied_amount", "base_weee_tax_applied_row_amnt", "base_weee_tax_disposition",
			"base_weee_tax_row_disposition", "created_at", "description", "discount_amount", "discount_invoiced",
			"discount_percent", "discount_refunded", "event_id", "ext_order_item_id", "free_shipping", "gw_base_price",
			"gw_base_price_invoiced", "gw_base_price_refunded", "gw_base_tax_amount", "gw_base_tax_amount_invoiced",
			"gw_base_tax_amount_refunded", "gw_id", "gw_price", "gw_price_invoiced", "gw_price_refunded",
			"gw_tax_amount", "gw_tax_amount_invoiced", "gw_tax_amount_refunded", "discount_tax_compensation_amount",
			"discount_tax_compensation_canceled", "discount_tax_compensation_invoiced",
			"discount_tax_compensation_refunded", "is_qty_decimal", "is_virtual", "item_id", "locked_do_invoice",
			"locked_do_ship", "name", "no_discount", "order_id", "original_price", "parent_item_id", "price",
			"price_incl_tax", "product_id", "product_type", "qty_backordered", "qty_canceled", "qty_invoiced",
			"qty_ordered", "qty_refunded", "qty_returned", "qty_shipped", "quote_item_id", "row_invoiced", "row_total",
			"row_total_incl_tax", "row_weight", "sku", "store_id", "tax_amount", "tax_before_discount", "tax_canceled",
			"tax_invoiced", "tax_percent", "tax_refunded", "updated_at", "weee_tax_applied", "weee_tax_applied_amount",
			"weee_tax_applied_row_amount", "weee_tax_disposition", "weee_tax_row_disposition", "weight", "parent_item",
			"product_option", "extension_attributes");

	private static final List<String> ITEM_REQUIRED = List.of("sku", "name", "qty_ordered", "price");

	/** sales-data-order-address-interface's properties in the published admin schema. */
	private static final Set<String> ADDRESS_FIELDS = Set.of("address_type", "city", "company", "country_id",
			"customer_address_id", "customer_id", "email", "entity_id", "fax", "firstname", "lastname", "middlename",
			"parent_id", "postcode", "prefix", "region", "region_code", "region_id", "street", "suffix", "telephone",
			"vat_id", "vat_is_valid", "vat_request_date", "vat_request_id", "vat_request_success",
			"extension_attributes");

	/** What Magento requires of an order's address by default (telephone included). */
	private static final List<String> ADDRESS_REQUIRED = List.of("firstname", "lastname", "street", "city", "postcode",
			"country_id", "telephone");

	/**
	 * sales-data-order-status-history-interface's properties in the published admin
	 * schema.
	 */
	private static final Set<String> HISTORY_FIELDS = Set.of("comment", "created_at", "entity_id", "entity_name",
			"is_customer_notified", "is_visible_on_front", "parent_id", "status", "extension_attributes");

	private static final Map<String, String> SEARCHABLE = Map.of("entity_id", "entity_id", "increment_id",
			"increment_id", "updated_at", "updated_at", "created_at", "created_at", "customer_id", "customer_id",
			"status", "status");

	private final StoreData data;

	private final JsonMapper mapper;

	private final Clock clock;

	OrderBook(StoreData data, JsonMapper mapper, Clock clock) {
		this.data = data;
		this.mapper = mapper;
		this.clock = clock;
	}

	void addRoutes(Router router) {
		router.add("POST", "/V1/orders", Set.of(), this::create)
			.add("GET", "/V1/orders", SearchRequest.PARAMETERS, this::search)
			.add("GET", "/V1/orders/{id}", Set.of(), this::get)
			.add("POST", "/V1/orders/{id}/comments", Set.of(), this::addComment)
			.add("GET", "/V1/orders/{id}/comments", Set.of(), this::comments);
	}

	List<Map<String, Object>> snapshot() {
		return shown(data.snapshot(TABLE));
	}

	private Reply create(SandboxRequest request) {
		ObjectNode order = orderOf(request.json());
		return Reply.ok(data.write(tables -> {
			Table orders = tables.get(TABLE);
			ObjectNode row = order.deepCopy();
			if (order.hasNonNull("customer_id")) {
				int customerId = order.path("customer_id").asInt(0);
				ObjectNode customer = tables.get(CustomerBook.TABLE).get(customerId);
				if (customer == null) {
					throw MagentoRefusal.noSuchEntity("customerId", order.path("customer_id").asString(""));
				}
				row.put("customer_is_guest", 0);
				for (String name : List.of("firstname", "lastname")) {
					if (!row.hasNonNull("customer_" + name)) {
						row.put("customer_" + name, customer.path(name).asString(""));
					}
				}
			}
			else if (order.path("customer_is_guest").asInt(0) != 1) {
				throw MagentoRefusal.required("customer_id");
			}
			int id = orders.allocateId();
			String now = now();
			row.put("id", id);
			row.put("entity_id", id);
			row.put("increment_id", incrementId(id));
			row.put("created_at", now);
			row.put("updated_at", now);
			row.put("state", "new");
			row.put("status", "pending");
			row.put("store_id", 1);
			int itemId = nextId(orders.rows(), "items", "item_id");
			BigDecimal total = BigDecimal.ZERO;
			BigDecimal quantity = BigDecimal.ZERO;
			for (JsonNode each : row.path("items")) {
				ObjectNode item = (ObjectNode) each;
				BigDecimal ordered = number(item, "qty_ordered");
				BigDecimal rowTotal = ordered.multiply(number(item, "price"));
				item.put("item_id", itemId++);
				item.put("order_id", id);
				item.put("qty_shipped", 0);
				item.put("qty_invoiced", 0);
				item.put("row_total", amount(rowTotal));
				total = total.add(rowTotal);
				quantity = quantity.add(ordered);
			}
			if (!row.hasNonNull("subtotal")) {
				row.put("subtotal", amount(total));
			}
			if (!row.hasNonNull("grand_total")) {
				row.put("grand_total", amount(total));
			}
			if (!row.hasNonNull("base_grand_total")) {
				row.set("base_grand_total", row.get("grand_total"));
			}
			row.put("total_item_count", row.path("items").size());
			row.put("total_qty_ordered", amount(quantity));
			ObjectNode address = (ObjectNode) row.path("billing_address");
			int addressId = nextId(orders.rows(), "billing_address", "entity_id");
			address.put("entity_id", addressId);
			address.put("parent_id", id);
			address.put("address_type", "billing");
			row.put("billing_address_id", addressId);
			row.putArray("status_histories");
			orders.put(row);
			return shown(row);
		}));
	}

	private Reply get(SandboxRequest request) {
		int id = request.id(0);
		return Reply.ok(data.read(tables -> shown(existing(tables.get(TABLE), id))));
	}

	private Reply search(SandboxRequest request) {
		SearchRequest search = new SearchRequest(request, SEARCHABLE);
		return Reply.ok(data.read(tables -> shownPage(search.answer(tables.get(TABLE).rows(), mapper))));
	}

	/**
	 * Adds the comment to the order's history, newest first as Magento lists it, and
	 * gives the order the comment's status when it has one.
	 */
	private Reply addComment(SandboxRequest request) {
		int id = request.id(0);
		if (!(request.json().path("statusHistory") instanceof ObjectNode history)) {
			throw MagentoRefusal.required("statusHistory");
		}
		MagentoRefusal.refuseUnknown(history, HISTORY_FIELDS, "Magento\\Sales\\Api\\Data\\OrderStatusHistoryInterface");
		data.write(tables -> {
			Table orders = tables.get(TABLE);
			ObjectNode order = existing(orders, id).deepCopy();
			String now = now();
			ObjectNode entry = mapper.createObjectNode();
			entry.put("entity_id", nextId(orders.rows(), "status_histories", "entity_id"));
			entry.put("parent_id", id);
			entry.put("comment", history.path("comment").asString(""));
			entry.put("is_customer_notified", history.path("is_customer_notified").asInt(0));
			entry.put("is_visible_on_front", history.path("is_visible_on_front").asInt(0));
			String status = history.path("status").asString("");
			entry.put("status", status.isBlank() ? order.path("status").asString("") : status);
			entry.put("entity_name", history.path("entity_name").asString("order"));
			entry.put("created_at", now);
			if (history.has("extension_attributes")) {
				entry.set("extension_attributes", history.get("extension_attributes"));
			}
			ArrayNode histories = order.path("status_histories") instanceof ArrayNode stored ? stored
					: order.putArray("status_histories");
			histories.insert(0, entry);
			if (!status.isBlank()) {
				order.put("status", status);
			}
			order.put("updated_at", now);
			orders.put(order);
			return null;
		});
		return Reply.ok(BooleanNode.TRUE);
	}

	private Reply comments(SandboxRequest request) {
		int id = request.id(0);
		ObjectNode order = data.read(tables -> existing(tables.get(TABLE), id));
		ObjectNode answer = mapper.createObjectNode();
		ArrayNode items = answer.putArray("items");
		order.path("status_histories").forEach(entry -> items.add(entry.deepCopy()));
		ObjectNode filter = answer.putObject("search_criteria")
			.putArray("filter_groups")
			.addObject()
			.putArray("filters")
			.addObject();
		filter.put("field", "parent_id");
		filter.put("value", String.valueOf(id));
		filter.put("condition_type", "eq");
		answer.put("total_count", items.size());
		return Reply.ok(answer);
	}

	/**
	 * The {@code entity} of a body, with every field Magento requires of an order, its
	 * items and its billing address, and none they do not have.
	 */
	private static ObjectNode orderOf(JsonNode body) {
		if (!(body.path("entity") instanceof ObjectNode order)) {
			throw MagentoRefusal.required("entity");
		}
		MagentoRefusal.refuseUnknown(order, FIELDS, "Magento\\Sales\\Api\\Data\\OrderInterface");
		if (order.hasNonNull("entity_id")) {
			throw MagentoRefusal.invalid("entity_id", order.path("entity_id").asString(""));
		}
		if (order.path("customer_email").asString("").isBlank()) {
			throw MagentoRefusal.required("customer_email");
		}
		if (!(order.path("items") instanceof ArrayNode items) || items.isEmpty()) {
			throw MagentoRefusal.required("items");
		}
		for (JsonNode each : items) {
			if (!(each instanceof ObjectNode item)) {
				throw MagentoRefusal.invalid("items", each);
			}
			MagentoRefusal.refuseUnknown(item, ITEM_FIELDS, "Magento\\Sales\\Api\\Data\\OrderItemInterface");
			for (String field : ITEM_REQUIRED) {
				if (item.path(field).asString("").isBlank()) {
					throw MagentoRefusal.required(field);
				}
			}
			if (number(item, "qty_ordered").signum() <= 0) {
				throw MagentoRefusal.invalid("qty_ordered", item.path("qty_ordered").asString(""));
			}
			if (number(item, "price").signum() < 0) {
				throw MagentoRefusal.invalid("price", item.path("price").asString(""));
			}
		}
		if (!(order.path("billing_address") instanceof ObjectNode address)) {
			throw MagentoRefusal.required("billing_address");
		}
		MagentoRefusal.refuseUnknown(address, ADDRESS_FIELDS, "Magento\\Sales\\Api\\Data\\OrderAddressInterface");
		for (String field : ADDRESS_REQUIRED) {
			JsonNode value = address.path(field);
			if (value.isMissingNode() || value.isNull()
					|| (value.isArray() ? value.isEmpty() : value.asString("").isBlank())) {
				throw MagentoRefusal.required(field);
			}
		}
		if (!address.path("street").isArray()) {
			throw MagentoRefusal.invalid("street", address.path("street").asString(""));
		}
		for (JsonNode line : address.path("street")) {
			if (!line.isString()) {
				throw MagentoRefusal.invalid("street", line);
			}
		}
		return order;
	}

	/** The order of that id, or Magento's refusal of an order it does not have. */
	static ObjectNode existing(Table orders, int id) {
		ObjectNode order = orders.get(id);
		if (order == null) {
			throw MagentoRefusal.of(404,
					"The entity that was requested doesn't exist. Verify the entity and try again.", Map.of());
		}
		return order;
	}

	/**
	 * Moves an order on after a shipment or an invoice: {@code complete} once every item
	 * is shipped and invoiced in full, {@code processing} until then.
	 */
	static void settle(ObjectNode order, String now) {
		boolean complete = true;
		for (JsonNode item : order.path("items")) {
			BigDecimal ordered = number(item, "qty_ordered");
			complete &= number(item, "qty_shipped").compareTo(ordered) >= 0
					&& number(item, "qty_invoiced").compareTo(ordered) >= 0;
		}
		String state = complete ? "complete" : "processing";
		order.put("state", state);
		order.put("status", state);
		order.put("updated_at", now);
	}

	/** Magento's increment ids: the entity's number, nine digits. */
	static String incrementId(int id) {
		return String.format("%09d", id);
	}

	/**
	 * The next id of something every row holds one or a list of, e.g. the items of every
	 * order: one more than the highest.
	 */
	static int nextId(List<ObjectNode> rows, String field, String idField) {
		int next = 1;
		for (ObjectNode row : rows) {
			JsonNode value = row.path(field);
			for (JsonNode child : value.isArray() ? value : List.of(value)) {
				next = Math.max(next, child.path(idField).asInt(0) + 1);
			}
		}
		return next;
	}

	/** A number a field holds (Magento also takes one as text), zero without one. */
	static BigDecimal number(JsonNode object, String field) {
		JsonNode value = object.path(field);
		if (value.isNumber()) {
			return value.decimalValue();
		}
		String text = value.asString("").strip();
		if (text.isEmpty()) {
			return BigDecimal.ZERO;
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException e) {
			throw MagentoRefusal.invalid(field, text);
		}
	}

	/** An amount or a quantity as Magento shows it: {@code 20}, {@code 59.97}. */
	static BigDecimal amount(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
	}

	/** A stored row as an answer shows it: without the id the table keys it by. */
	static ObjectNode shown(ObjectNode row) {
		ObjectNode copy = row.deepCopy();
		copy.remove("id");
		return copy;
	}

	/** A search's answer with its items {@link #shown}. */
	static ObjectNode shownPage(ObjectNode answer) {
		answer.path("items").forEach(item -> ((ObjectNode) item).remove("id"));
		return answer;
	}

	/** A table's snapshot with its rows {@link #shown}. */
	static List<Map<String, Object>> shown(List<Map<String, Object>> rows) {
		List<Map<String, Object>> shown = new ArrayList<>(rows);
		shown.forEach(row -> row.remove("id"));
		return shown;
	}

	private String now() {
		return MagentoTime.format(clock.instant());
	}

}
