package io.syncbatch.connector.magento.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.magento.MagentoTime;
import io.syncbatch.connector.sandbox.Reply;
import io.syncbatch.connector.sandbox.Router;
import io.syncbatch.connector.sandbox.SandboxRejection;
import io.syncbatch.connector.sandbox.SandboxRequest;
import io.syncbatch.connector.sandbox.StoreData;
import io.syncbatch.connector.sandbox.Table;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An order's shipments and invoices: {@code POST /V1/order/{orderId}/ship} and
 * {@code POST /V1/order/{orderId}/invoice}, which answer the new document's id,
 * {@code GET
 * /V1/shipments} and {@code GET /V1/invoices} with searchCriteria, and {@code POST
 * /V1/invoices/comments}. A document without items takes every quantity the order has
 * left to ship or invoice; it adds its quantities to the order's items and moves the
 * order to {@code processing}, or {@code complete} once everything is shipped and
 * invoiced. As Magento, it refuses an item the order does not have, more than the item
 * has left and an order with nothing left, in Magento's "Shipment (Invoice) Document
 * Validation Error(s)" words, and a field the request does not have.
 */
final class OrderDocuments {

	static final String SHIPMENTS = "shipments";

	static final String INVOICES = "invoices";

	private static final Set<String> ITEM_FIELDS = Set.of("order_item_id", "qty", "extension_attributes");

	private static final Set<String> COMMENT_FIELDS = Set.of("comment", "is_visible_on_front", "extension_attributes");

	private static final Set<String> TRACK_FIELDS = Set.of("track_number", "title", "carrier_code",
			"extension_attributes");

	private static final List<String> TRACK_REQUIRED = List.of("track_number", "title", "carrier_code");

	private static final Set<String> EXTENSION_ONLY = Set.of("extension_attributes");

	/**
	 * sales-data-invoice-comment-interface's properties in the published admin schema.
	 */
	private static final Set<String> INVOICE_COMMENT_FIELDS = Set.of("is_customer_notified", "parent_id",
			"extension_attributes", "comment", "is_visible_on_front", "created_at", "entity_id");

	private static final Map<String, String> SEARCHABLE = Map.of("entity_id", "entity_id", "order_id", "order_id",
			"increment_id", "increment_id", "created_at", "created_at");

	/** What a shipment and an invoice do differently. */
	private enum Kind {

		SHIPMENT(SHIPMENTS, "qty_shipped", "Shipment", "ship", "unshipped",
				Set.of("items", "notify", "appendComment", "comment", "tracks", "packages", "arguments"),
				"The order does not allow a shipment to be created.",
				"The shipment contains product SKU \"\" that is not part of the original order."),

		INVOICE(INVOICES, "qty_invoiced", "Invoice", "invoice", "uninvoiced",
				Set.of("capture", "items", "notify", "appendComment", "comment", "arguments"),
				"The order does not allow an invoice to be created.",
				"The invoice contains one or more items that are not part of the original order.");

		final String table;

		/** The order item's quantity this document adds to. */
		final String done;

		final String document;

		final String verb;

		final String undone;

		final Set<String> fields;

		final String nothingLeft;

		/**
		 * Magento's words for an item the order does not have; its shipment validator
		 * names the item's SKU, which such an item has none of.
		 */
		final String unknownItem;

		Kind(String table, String done, String document, String verb, String undone, Set<String> fields,
				String nothingLeft, String unknownItem) {
			this.table = table;
			this.done = done;
			this.document = document;
			this.verb = verb;
			this.undone = undone;
			this.fields = fields;
			this.nothingLeft = nothingLeft;
			this.unknownItem = unknownItem;
		}

		/** The name of one of the document's Magento interfaces, e.g. ItemCreation. */
		String data(String what) {
			return "Magento\\Sales\\Api\\Data\\" + document + what + "Interface";
		}

		String service() {
			return "Magento\\Sales\\Api\\" + (this == SHIPMENT ? "ShipOrder" : "InvoiceOrder") + "Interface";
		}

		String tooMany(String sku) {
			return "The quantity to " + verb + " must not be greater than the " + undone
					+ " quantity for product SKU \"" + sku + "\".";
		}

		/** Magento's refusal of a document, its validators' messages one a line. */
		SandboxRejection refusal(Collection<String> messages) {
			return MagentoRefusal.of(400, document + " Document Validation Error(s):\n" + String.join("\n", messages),
					Map.of());
		}

	}

	private final StoreData data;

	private final JsonMapper mapper;

	private final Clock clock;

	OrderDocuments(StoreData data, JsonMapper mapper, Clock clock) {
		this.data = data;
		this.mapper = mapper;
		this.clock = clock;
	}

	void addRoutes(Router router) {
		router.add("POST", "/V1/order/{id}/ship", Set.of(), request -> create(request, Kind.SHIPMENT))
			.add("POST", "/V1/order/{id}/invoice", Set.of(), request -> create(request, Kind.INVOICE))
			.add("GET", "/V1/shipments", SearchRequest.PARAMETERS, request -> search(request, SHIPMENTS))
			.add("GET", "/V1/invoices", SearchRequest.PARAMETERS, request -> search(request, INVOICES))
			.add("POST", "/V1/invoices/comments", Set.of(), this::addInvoiceComment);
	}

	List<Map<String, Object>> shipments() {
		return OrderBook.shown(data.snapshot(SHIPMENTS));
	}

	List<Map<String, Object>> invoices() {
		return OrderBook.shown(data.snapshot(INVOICES));
	}

	private Reply create(SandboxRequest request, Kind kind) {
		int orderId = request.id(0);
		ObjectNode body = request.body().length == 0 ? mapper.createObjectNode() : objectOf(request.json());
		MagentoRefusal.refuseUnknown(body, kind.fields, kind.service());
		List<ObjectNode> asked = objects(body, "items", ITEM_FIELDS, kind.data("ItemCreation"));
		for (ObjectNode item : asked) {
			for (String field : List.of("order_item_id", "qty")) {
				if (!item.hasNonNull(field)) {
					throw MagentoRefusal.required(field);
				}
			}
			if (OrderBook.number(item, "qty").signum() <= 0) {
				throw MagentoRefusal.invalid("qty", item.path("qty").asString(""));
			}
		}
		ObjectNode comment = object(body, "comment", COMMENT_FIELDS, kind.data("CommentCreation"));
		if (comment != null && comment.path("comment").asString("").isBlank()) {
			throw MagentoRefusal.required("comment");
		}
		object(body, "arguments", EXTENSION_ONLY, kind.data("CreationArguments"));
		List<ObjectNode> tracks = objects(body, "tracks", TRACK_FIELDS, kind.data("TrackCreation"));
		for (ObjectNode track : tracks) {
			for (String field : TRACK_REQUIRED) {
				if (track.path(field).asString("").isBlank()) {
					throw MagentoRefusal.required(field);
				}
			}
		}
		objects(body, "packages", EXTENSION_ONLY, kind.data("PackageCreation"));
		boolean notify = body.path("notify").asBoolean(false);
		ObjectNode appended = body.path("appendComment").asBoolean(false) ? comment : null;
		int id = data.write(tables -> {
			Table orders = tables.get(OrderBook.TABLE);
			Table documents = tables.get(kind.table);
			ObjectNode order = OrderBook.existing(orders, orderId).deepCopy();
			Map<Integer, BigDecimal> quantities = quantities(order, asked, kind);
			String now = MagentoTime.format(clock.instant());
			int documentId = documents.allocateId();
			ObjectNode document = mapper.createObjectNode();
			document.put("id", documentId);
			document.put("entity_id", documentId);
			document.put("order_id", orderId);
			document.put("increment_id", OrderBook.incrementId(documentId));
			document.put("store_id", order.path("store_id").asInt(1));
			if (order.hasNonNull("customer_id")) {
				document.set("customer_id", order.get("customer_id"));
			}
			document.put("billing_address_id", order.path("billing_address_id").asInt(0));
			document.put("created_at", now);
			document.put("updated_at", now);
			ArrayNode items = document.putArray("items");
			int itemId = OrderBook.nextId(documents.rows(), "items", "entity_id");
			BigDecimal totalQty = BigDecimal.ZERO;
			BigDecimal total = BigDecimal.ZERO;
			for (JsonNode each : order.path("items")) {
				ObjectNode orderItem = (ObjectNode) each;
				BigDecimal qty = quantities.get(orderItem.path("item_id").asInt(0));
				if (qty == null) {
					continue;
				}
				BigDecimal price = OrderBook.number(orderItem, "price");
				ObjectNode item = items.addObject();
				item.put("entity_id", itemId++);
				item.put("parent_id", documentId);
				item.put("order_item_id", orderItem.path("item_id").asInt(0));
				item.put("qty", OrderBook.amount(qty));
				item.put("sku", orderItem.path("sku").asString(""));
				item.put("name", orderItem.path("name").asString(""));
				item.put("price", OrderBook.amount(price));
				if (kind == Kind.INVOICE) {
					item.put("row_total", OrderBook.amount(qty.multiply(price)));
				}
				orderItem.put(kind.done, OrderBook.amount(OrderBook.number(orderItem, kind.done).add(qty)));
				totalQty = totalQty.add(qty);
				total = total.add(qty.multiply(price));
			}
			document.put("total_qty", OrderBook.amount(totalQty));
			if (kind == Kind.INVOICE) {
				// Paid either way: without capture Magento pays the invoice offline.
				document.put("state", 2);
				document.put("subtotal", OrderBook.amount(total));
				document.put("grand_total", OrderBook.amount(total));
				document.put("base_grand_total", OrderBook.amount(total));
				BigDecimal invoiced = OrderBook.number(order, "total_invoiced").add(total);
				order.put("total_invoiced", OrderBook.amount(invoiced));
				order.put("total_paid", OrderBook.amount(invoiced));
			}
			else {
				ArrayNode stored = document.putArray("tracks");
				int trackId = OrderBook.nextId(documents.rows(), "tracks", "entity_id");
				for (ObjectNode track : tracks) {
					ObjectNode row = stored.addObject();
					row.put("entity_id", trackId++);
					row.put("parent_id", documentId);
					row.put("order_id", orderId);
					TRACK_REQUIRED.forEach(field -> row.put(field, track.path(field).asString("")));
					row.put("created_at", now);
					row.put("updated_at", now);
				}
			}
			ArrayNode comments = document.putArray("comments");
			if (appended != null) {
				ObjectNode row = comments.addObject();
				row.put("entity_id", OrderBook.nextId(documents.rows(), "comments", "entity_id"));
				row.put("parent_id", documentId);
				row.put("comment", appended.path("comment").asString(""));
				row.put("is_visible_on_front", appended.path("is_visible_on_front").asInt(0));
				row.put("is_customer_notified", notify ? 1 : 0);
				row.put("created_at", now);
			}
			documents.put(document);
			OrderBook.settle(order, now);
			orders.put(order);
			return documentId;
		});
		return Reply.ok(IntNode.valueOf(id));
	}

	/**
	 * What the document takes of each order item, by item id: what was asked, or
	 * everything left when nothing was; refused as Magento's validators refuse.
	 */
	private static Map<Integer, BigDecimal> quantities(ObjectNode order, List<ObjectNode> asked, Kind kind) {
		Map<Integer, ObjectNode> byId = new LinkedHashMap<>();
		Map<Integer, BigDecimal> left = new LinkedHashMap<>();
		for (JsonNode each : order.path("items")) {
			int itemId = each.path("item_id").asInt(0);
			byId.put(itemId, (ObjectNode) each);
			BigDecimal remaining = OrderBook.number(each, "qty_ordered").subtract(OrderBook.number(each, kind.done));
			if (remaining.signum() > 0) {
				left.put(itemId, remaining);
			}
		}
		if (left.isEmpty()) {
			throw kind.refusal(List.of(kind.nothingLeft));
		}
		if (asked.isEmpty()) {
			return left;
		}
		Map<Integer, BigDecimal> quantities = new LinkedHashMap<>();
		Set<String> messages = new LinkedHashSet<>();
		for (ObjectNode item : asked) {
			int itemId = item.path("order_item_id").asInt(0);
			ObjectNode orderItem = byId.get(itemId);
			if (orderItem == null) {
				messages.add(kind.unknownItem);
				continue;
			}
			BigDecimal qty = quantities.getOrDefault(itemId, BigDecimal.ZERO).add(OrderBook.number(item, "qty"));
			if (qty.compareTo(left.getOrDefault(itemId, BigDecimal.ZERO)) > 0) {
				messages.add(kind.tooMany(orderItem.path("sku").asString("")));
				continue;
			}
			quantities.put(itemId, qty);
		}
		if (!messages.isEmpty()) {
			throw kind.refusal(messages);
		}
		return quantities;
	}

	private Reply search(SandboxRequest request, String table) {
		SearchRequest search = new SearchRequest(request, SEARCHABLE);
		return Reply.ok(data.read(tables -> OrderBook.shownPage(search.answer(tables.get(table).rows(), mapper))));
	}

	private Reply addInvoiceComment(SandboxRequest request) {
		if (!(request.json().path("entity") instanceof ObjectNode comment)) {
			throw MagentoRefusal.required("entity");
		}
		MagentoRefusal.refuseUnknown(comment, INVOICE_COMMENT_FIELDS,
				"Magento\\Sales\\Api\\Data\\InvoiceCommentInterface");
		if (!comment.hasNonNull("parent_id")) {
			throw MagentoRefusal.required("parent_id");
		}
		if (comment.path("comment").asString("").isBlank()) {
			throw MagentoRefusal.required("comment");
		}
		int invoiceId = comment.path("parent_id").asInt(0);
		return Reply.ok(data.write(tables -> {
			Table invoices = tables.get(INVOICES);
			ObjectNode stored = invoices.get(invoiceId);
			if (stored == null) {
				throw MagentoRefusal.noSuchEntity("parent_id", comment.path("parent_id").asString(""));
			}
			ObjectNode invoice = stored.deepCopy();
			ObjectNode entry = mapper.createObjectNode();
			entry.put("entity_id", OrderBook.nextId(invoices.rows(), "comments", "entity_id"));
			entry.put("parent_id", invoiceId);
			entry.put("comment", comment.path("comment").asString(""));
			entry.put("is_customer_notified", comment.path("is_customer_notified").asInt(0));
			entry.put("is_visible_on_front", comment.path("is_visible_on_front").asInt(0));
			entry.put("created_at", MagentoTime.format(clock.instant()));
			if (comment.has("extension_attributes")) {
				entry.set("extension_attributes", comment.get("extension_attributes"));
			}
			ArrayNode comments = invoice.path("comments") instanceof ArrayNode existing ? existing
					: invoice.putArray("comments");
			comments.add(entry);
			invoices.put(invoice);
			return entry.deepCopy();
		}));
	}

	private static ObjectNode objectOf(JsonNode body) {
		if (!(body instanceof ObjectNode object)) {
			throw MagentoRefusal.invalid("request", body);
		}
		return object;
	}

	/** The object of a field, with no field its interface does not have; null without. */
	private static @Nullable ObjectNode object(ObjectNode body, String field, Set<String> fields, String className) {
		JsonNode value = body.path(field);
		if (value.isMissingNode() || value.isNull()) {
			return null;
		}
		if (!(value instanceof ObjectNode object)) {
			throw MagentoRefusal.invalid(field, value);
		}
		MagentoRefusal.refuseUnknown(object, fields, className);
		return object;
	}

	/** The objects of a list field, each with no field its interface does not have. */
	private static List<ObjectNode> objects(ObjectNode body, String field, Set<String> fields, String className) {
		JsonNode value = body.path(field);
		List<ObjectNode> objects = new ArrayList<>();
		if (value.isMissingNode() || value.isNull()) {
			return objects;
		}
		if (!value.isArray()) {
			throw MagentoRefusal.invalid(field, value);
		}
		for (JsonNode each : value) {
			if (!(each instanceof ObjectNode object)) {
				throw MagentoRefusal.invalid(field, each);
			}
			MagentoRefusal.refuseUnknown(object, fields, className);
			objects.add(object);
		}
		return objects;
	}

}
