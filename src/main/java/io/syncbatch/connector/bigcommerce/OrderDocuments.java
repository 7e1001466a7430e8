package io.syncbatch.connector.bigcommerce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.PlainJson;
import io.syncbatch.connector.MalformedAnswerException;
import io.syncbatch.connector.ResourceReader.StoreDocument;
import io.syncbatch.record.DataRecord;
import tools.jackson.databind.JsonNode;

/**
 * Reads orders of {@code GET /v2/orders} (order_Resp in the published contract) and their
 * lines ({@code GET /v2/orders/{id}/products}) into store documents, refusing what an
 * import cannot read in order.
 *
 * <p>
 * The fields are the store's own names. The v2 API writes dates in RFC-2822 and money as
 * strings; here dates are ISO-8601 instants and money is numbers, so the mapping rules
 * read them like any other store's. A guest's order has {@code customer_id} 0, which
 * becomes empty: there is no store customer to refer to. {@code products} is the list of
 * lines, each with its own fields, and {@code line_count} its length.
 */
final class OrderDocuments {

	/** order_Resp's fields an import reads, as they are. */
	static final List<String> FIELDS = List.of("status_id", "status", "customer_message", "staff_notes", "external_id",
			"payment_method", "currency_code", "items_total");

	static final List<String> MONEY = List.of("subtotal_ex_tax", "subtotal_inc_tax", "total_ex_tax", "total_inc_tax",
			"shipping_cost_ex_tax", "shipping_cost_inc_tax", "discount_amount");

	static final List<String> LINE_FIELDS = List.of("id", "product_id", "sku", "name", "quantity");

	static final List<String> LINE_MONEY = List.of("price_ex_tax", "price_inc_tax", "total_ex_tax", "total_inc_tax");

	/** What was asked, for messages: "GET /v2/orders?… on store main". */
	private final String request;

	OrderDocuments(String request) {
		this.request = request;
	}

	/** The items of a v2 answer: a list, or nothing at all (204) when none. */
	List<JsonNode> items(JsonNode answer) {
		if (answer.isObject() && answer.isEmpty()) {
			return List.of();
		}
		if (!answer.isArray()) {
			throw malformed("is not a list");
		}
		List<JsonNode> orders = new ArrayList<>(answer.size());
		answer.forEach(orders::add);
		return orders;
	}

	/** The order's id, required. */
	long id(JsonNode order, String at) {
		JsonNode id = order.path("id");
		if (!id.isIntegralNumber()) {
			throw malformed("has an order without an integer id at " + at + ".id");
		}
		return id.longValue();
	}

	/** When the store last changed the order, required: changes are read in its order. */
	Instant changedAt(JsonNode order, String at) {
		return java.util.Objects
			.requireNonNull(date(order, "date_modified", "order " + id(order, at) + " (" + at + ")", true));
	}

	StoreDocument document(JsonNode order, List<JsonNode> lines, String at) {
		long id = id(order, at);
		String whose = "order " + id + " (" + at + ")";
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("id", id);
		long customer = order.path("customer_id").asLong(0);
		fields.put("customer_id", customer == 0 ? null : String.valueOf(customer));
		Instant created = date(order, "date_created", whose, false);
		fields.put("date_created", created == null ? null : created.toString());
		for (String field : FIELDS) {
			fields.put(field, PlainJson.of(order.get(field)));
		}
		for (String field : MONEY) {
			fields.put(field, money(order.get(field), whose + "." + field));
		}
		fields.put("billing_address", PlainJson.of(order.get("billing_address")));
		List<Map<String, @Nullable Object>> products = new ArrayList<>(lines.size());
		for (int i = 0; i < lines.size(); i++) {
			JsonNode line = lines.get(i);
			Map<String, @Nullable Object> product = new LinkedHashMap<>();
			for (String field : LINE_FIELDS) {
				product.put(field, PlainJson.of(line.get(field)));
			}
			for (String field : LINE_MONEY) {
				product.put(field, money(line.get(field), whose + ".products[" + i + "]." + field));
			}
			products.add(product);
		}
		fields.put("products", products);
		fields.put("line_count", products.size());
		return new StoreDocument(String.valueOf(id), changedAt(order, at), DataRecord.of(fields));
	}

	/** A v2 date (RFC-2822), or ISO-8601 as some answers write it. */
	private @Nullable Instant date(JsonNode order, String field, String whose, boolean required) {
		JsonNode value = order.path(field);
		if (!value.isString() || value.stringValue().isBlank()) {
			if (!required) {
				return null;
			}
			throw malformed("has " + whose + " without " + field + ", which it needs to read changes in order");
		}
		String text = value.stringValue();
		for (DateTimeFormatter format : List.of(DateTimeFormatter.RFC_1123_DATE_TIME,
				DateTimeFormatter.ISO_OFFSET_DATE_TIME)) {
			try {
				return OffsetDateTime.parse(text, format).toInstant();
			}
			catch (DateTimeParseException notThisOne) {
				// the next format
			}
		}
		throw malformed("has " + whose + " with " + field + " '" + abbreviate(text)
				+ "', which is not a date such as Tue, 20 Nov 2012 00:00:00 +0000");
	}

	private @Nullable BigDecimal money(@Nullable JsonNode value, String where) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			return null;
		}
		try {
			return new BigDecimal(value.asString().trim());
		}
		catch (NumberFormatException notMoney) {
			throw malformed("has " + where + " '" + abbreviate(value.asString()) + "', which is not an amount");
		}
	}

	MalformedAnswerException malformed(String what) {
		return new MalformedAnswerException("the answer to " + request + " " + what);
	}

	private static String abbreviate(String text) {
		return text.length() <= 100 ? text : text.substring(0, 100) + "…";
	}

}
