package io.syncbatch.connector.magento;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.OutgoingRecord;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.StoreRejectedException;
import tools.jackson.databind.JsonNode;

/**
 * Shipments of Magento orders: {@code POST /V1/order/{orderId}/ship} with the order's
 * lines by their item ids (the definition names them by SKU), the tracking number as a
 * track, and the ERP's shipment number as the shipment's comment, by which it is found
 * again ({@link OrderDocumentWriter}).
 */
final class MagentoShipmentWriter extends OrderDocumentWriter {

	private static final String TRACKING = "tracking_number";

	MagentoShipmentWriter(StoreChannel channel) {
		super(channel, "shipment", "/V1/shipments", "comments");
	}

	@Override
	String created(OutgoingRecord record) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("items", items(record, text(record, ORDER)));
		if (!text(record, TRACKING).isBlank()) {
			String title = text(record, "shipping_method");
			body.put("tracks", List.of(Map.of("track_number", text(record, TRACKING), "title",
					title.isBlank() ? "Tracking number" : title, "carrier_code", "custom")));
		}
		body.put("notify", false);
		body.put("appendComment", true);
		body.put("comment", comment(record));
		return made("ship", record, body);
	}

	/**
	 * A shipment changed in the ERP after it was made (other lines or quantities, a
	 * tracking number given later) cannot change Magento's, which Magento keeps as made:
	 * said, not dropped.
	 */
	@Override
	void stillSame(JsonNode shipment, OutgoingRecord record) {
		Map<String, BigDecimal> inMagento = new TreeMap<>();
		for (JsonNode item : shipment.path("items")) {
			inMagento.merge(item.path("sku").asString(""), item.path("qty").decimalValue(), BigDecimal::add);
		}
		Map<String, BigDecimal> inErp = new TreeMap<>();
		shippedLines(record).forEach(line -> inErp.merge(line.sku(), line.quantity(), BigDecimal::add));
		if (!sameQuantities(inMagento, inErp)) {
			throw kept(shipment, "with " + plain(inMagento) + ", the ERP's shipment is now " + plain(inErp));
		}
		String tracking = text(record, TRACKING);
		if (tracking.isBlank()) {
			return;
		}
		for (JsonNode track : shipment.path("tracks")) {
			if (tracking.equals(track.path("track_number").asString(""))) {
				return;
			}
		}
		throw kept(shipment, "without tracking number " + tracking);
	}

	private static StoreRejectedException kept(JsonNode shipment, String how) {
		return new StoreRejectedException("Magento shipment " + shipment.path("entity_id") + " was made " + how
				+ ", and Magento keeps a shipment as made: change it in Magento's admin");
	}

	private static boolean sameQuantities(Map<String, BigDecimal> one, Map<String, BigDecimal> other) {
		return one.keySet().equals(other.keySet()) && one.entrySet()
			.stream()
			.allMatch(entry -> entry.getValue().compareTo(other.get(entry.getKey())) == 0);
	}

	private static String plain(Map<String, BigDecimal> quantities) {
		StringBuilder text = new StringBuilder();
		quantities.forEach((sku, quantity) -> text.append(text.isEmpty() ? "" : ", ")
			.append(sku)
			.append(" × ")
			.append(quantity.stripTrailingZeros().toPlainString()));
		return text.toString();
	}

	/** A line of the ERP's shipment, by SKU. */
	private record ShippedLine(String sku, BigDecimal quantity) {
	}

	private static List<ShippedLine> shippedLines(OutgoingRecord record) {
		List<ShippedLine> shipped = new ArrayList<>();
		Object lines = record.payload().get("items");
		for (Object line : lines instanceof List<?> list ? list : List.of()) {
			Map<?, ?> fields = line instanceof Map<?, ?> map ? map : Map.of();
			shipped.add(new ShippedLine(String.valueOf(fields.get("sku")),
					new BigDecimal(String.valueOf(fields.get("quantity")))));
		}
		return shipped;
	}

	/**
	 * Each shipped line as the order's item of its SKU with that much left to ship.
	 * @throws StoreRejectedException for a SKU the order does not have, or has not that
	 * much of left
	 */
	private List<Map<String, Object>> items(OutgoingRecord record, String orderId) {
		JsonNode order = order(channel(), orderId);
		Map<String, BigDecimal> left = new LinkedHashMap<>();
		List<Map<String, Object>> items = new ArrayList<>();
		for (ShippedLine line : shippedLines(record)) {
			JsonNode item = itemOf(order, line.sku(), line.quantity(), left);
			if (item == null) {
				throw new StoreRejectedException(
						"SKU " + line.sku() + " × " + line.quantity().stripTrailingZeros().toPlainString()
								+ " is not left to ship on Magento order " + orderId);
			}
			items.add(Map.of("order_item_id", item.path("item_id").asLong(), "qty", line.quantity()));
		}
		return items;
	}

	private static @Nullable JsonNode itemOf(JsonNode order, String sku, BigDecimal quantity,
			Map<String, BigDecimal> left) {
		for (JsonNode item : order.path("items")) {
			if (!item.path("parent_item_id").isMissingNode() && !item.path("parent_item_id").isNull()
					|| !sku.equals(item.path("sku").asString(""))) {
				continue;
			}
			String itemId = item.path("item_id").asString();
			BigDecimal remaining = left.computeIfAbsent(itemId,
					id -> item.path("qty_ordered").decimalValue().subtract(item.path("qty_shipped").decimalValue()));
			if (remaining.compareTo(quantity) >= 0) {
				left.put(itemId, remaining.subtract(quantity));
				return item;
			}
		}
		return null;
	}

}
