package io.syncbatch.connector.magento.sandbox;

import java.math.BigDecimal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shopper a new demo Magento sandbox starts with: Fruitico's buyer, who had an
 * account in the store before the ERP was connected (the ERP's export finds it by email
 * rather than making a second), and has ordered jam and coffee at the checkout.
 */
final class DemoShopper {

	private DemoShopper() {
	}

	/** A {@code POST /V1/customers} body. */
	static JsonNode customer(JsonMapper mapper) {
		ObjectNode body = mapper.createObjectNode();
		body.putObject("customer")
			.put("email", "info@fruitico.example")
			.put("firstname", "Fruitico")
			.put("lastname", "Buyer");
		return body;
	}

	/** A {@code POST /V1/orders} body for the order the customer (as created) placed. */
	static JsonNode order(JsonMapper mapper, long customerId) {
		ObjectNode body = mapper.createObjectNode();
		ObjectNode order = body.putObject("entity");
		order.put("customer_id", customerId);
		order.put("customer_email", "info@fruitico.example");
		order.put("grand_total", new BigDecimal("37.00"));
		order.put("base_grand_total", new BigDecimal("37.00"));
		ArrayNode items = order.putArray("items");
		items.addObject()
			.put("sku", "JAM-STRAW")
			.put("name", "Strawberry jam 250 g")
			.put("qty_ordered", 2)
			.put("price", new BigDecimal("6.50"));
		items.addObject()
			.put("sku", "COFFEE-HOUSE")
			.put("name", "House blend coffee 1 kg")
			.put("qty_ordered", 1)
			.put("price", new BigDecimal("24.00"));
		ObjectNode billing = order.putObject("billing_address");
		billing.put("address_type", "billing")
			.put("firstname", "Fruitico")
			.put("lastname", "Buyer")
			.put("email", "info@fruitico.example")
			.put("city", "New York")
			.put("region_code", "NY")
			.put("postcode", "10004")
			.put("country_id", "US")
			.put("telephone", "+1 212 555 0148");
		billing.putArray("street").add("25 Broadway");
		return body;
	}

}
