package io.syncbatch.connector.bigcommerce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.StoreRejectedException;
import tools.jackson.databind.JsonNode;

/**
 * A BigCommerce shipment names the order's own product lines and address by the ids the
 * store gave them when the order was created, which the ERP never sees. The ERP's
 * shipment lines carry the sku, so each item {@code {sku, quantity}} is turned into
 * {@code {order_product_id, quantity}} from the order's products, and a shipment without
 * {@code order_address_id} goes to the order's first shipping address.
 */
final class OrderShipmentItems {

	private final StoreChannel http;

	OrderShipmentItems(StoreChannel http) {
		this.http = http;
	}

	Map<String, @Nullable Object> resolve(Map<String, @Nullable Object> payload) {
		Object orderId = payload.get("order_id");
		Map<String, @Nullable Object> resolved = new LinkedHashMap<>(payload);
		if (!resolved.containsKey("order_address_id")) {
			List<JsonNode> addresses = BigCommerceWriter.items(http.send(HttpMethod.GET,
					"/v2/orders/{order_id}/shipping_addresses", Map.of("order_id", orderId), null));
			if (addresses.isEmpty()) {
				throw new StoreRejectedException("order " + orderId + " has no shipping address to ship to");
			}
			resolved.put("order_address_id", addresses.get(0).path("id").asLong());
		}
		Map<String, Long> lineBySku = new HashMap<>();
		for (JsonNode product : BigCommerceWriter
			.items(http.send(HttpMethod.GET, "/v2/orders/{order_id}/products", Map.of("order_id", orderId), null))) {
			lineBySku.putIfAbsent(product.path("sku").asString("").toUpperCase(Locale.ROOT),
					product.path("id").asLong());
		}
		List<Map<String, Object>> items = new ArrayList<>();
		for (Object item : (List<?>) payload.getOrDefault("items", List.of())) {
			Map<?, ?> line = (Map<?, ?>) item;
			String sku = String.valueOf(line.get("sku"));
			Long orderProduct = lineBySku.get(sku.toUpperCase(Locale.ROOT));
			if (orderProduct == null) {
				throw new StoreRejectedException("order " + orderId + " in the store has no product with sku " + sku
						+ " (its skus: " + lineBySku.keySet() + ")");
			}
			items.add(Map.of("order_product_id", orderProduct, "quantity", line.get("quantity")));
		}
		resolved.put("items", items);
		return resolved;
	}

}
