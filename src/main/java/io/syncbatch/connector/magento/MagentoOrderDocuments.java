package io.syncbatch.connector.magento;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.MalformedAnswerException;
import io.syncbatch.connector.PlainJson;
import tools.jackson.databind.JsonNode;

/**
 * A Magento order ({@code sales-data-order-interface}) as an import reads it: its own
 * fields, with {@code created_at} as an ISO-8601 instant like every store's dates, a
 * guest's {@code customer_id} empty, and {@code items} only the lines a shopper ordered.
 * A configurable product's line comes with a child line of the simple product chosen
 * ({@code parent_item_id} set), which repeats its SKU and quantity: imported too, the ERP
 * order would hold the product twice. {@code line_count} is how many lines that leaves.
 *
 * <p>
 * The order's comments ({@code status_histories}), which syncbatch writes itself, are
 * left out.
 */
final class MagentoOrderDocuments implements MagentoChangeReader.Documents {

	private static final Set<String> LEFT_OUT = Set.of("updated_at", "status_histories", "items", "created_at",
			"customer_id");

	private final String storeName;

	MagentoOrderDocuments(String storeName) {
		this.storeName = storeName;
	}

	@Override
	public String plural() {
		return "orders";
	}

	@Override
	public JsonNode id(JsonNode order) {
		return order.path("entity_id");
	}

	@Override
	public Map<String, @Nullable Object> fields(JsonNode order) {
		Map<String, @Nullable Object> fields = MagentoChangeReader.Documents.fieldsBut(order, LEFT_OUT);
		fields.put("created_at", createdAt(order));
		boolean guest = order.path("customer_is_guest").asInt(0) == 1 || order.path("customer_id").isNull()
				|| order.path("customer_id").isMissingNode();
		fields.put("customer_id", guest ? null : PlainJson.of(order.get("customer_id")));
		List<@Nullable Object> items = new ArrayList<>();
		for (JsonNode item : order.path("items")) {
			if (item.path("parent_item_id").isMissingNode() || item.path("parent_item_id").isNull()) {
				items.add(PlainJson.of(item));
			}
		}
		fields.put("items", items);
		fields.put("line_count", items.size());
		return fields;
	}

	private String createdAt(JsonNode order) {
		String text = order.path("created_at").asString("");
		try {
			return MagentoTime.parse(text).toString();
		}
		catch (DateTimeParseException unreadable) {
			throw new MalformedAnswerException(
					"GET /V1/orders on store " + storeName + " answered order " + order.path("entity_id")
							+ " with created_at '" + text + "', which is not a time such as" + " 2026-12-07 10:11:12");
		}
	}

}
