package io.syncbatch.connector.bigcommerce.sandbox;

import java.math.BigDecimal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shoppers a new demo sandbox store starts with: they signed up in the store, and the
 * ERP has never heard of them. One buys for a company, with its address, the other for
 * himself. The first has already placed an order at the checkout.
 */
final class DemoShoppers {

	private DemoShoppers() {
	}

	/** A {@code POST /v3/customers} body creating them. */
	static JsonNode customers(JsonMapper mapper) {
		ArrayNode body = mapper.createArrayNode();
		ObjectNode gina = body.addObject()
			.put("email", "gina.baker@sunnyside.example")
			.put("first_name", "Gina")
			.put("last_name", "Baker")
			.put("company", "Sunny Side Bakery")
			.put("phone", "+1 555 0142");
		gina.putArray("addresses")
			.addObject()
			.put("first_name", "Gina")
			.put("last_name", "Baker")
			.put("company", "Sunny Side Bakery")
			.put("address1", "12 Baker Street")
			.put("city", "Springfield")
			.put("state_or_province", "Illinois")
			.put("postal_code", "62701")
			.put("country_code", "US")
			.put("phone", "+1 555 0142")
			.put("address_type", "commercial");
		body.addObject()
			.put("email", "liam.chen@mail.example")
			.put("first_name", "Liam")
			.put("last_name", "Chen")
			.put("company", "")
			.put("phone", "");
		return body;
	}

	/**
	 * A {@code POST /v2/orders} body for the order {@code shopper} (as created) placed:
	 * custom products, because a new store has no catalog, and no external_id, because no
	 * other system wrote it.
	 */
	static JsonNode order(JsonMapper mapper, JsonNode shopper) {
		ObjectNode body = mapper.createObjectNode();
		body.put("customer_id", shopper.get("id").intValue());
		body.put("status_id", OrderStatus.AWAITING_FULFILLMENT);
		body.put("customer_message", "Leave at the back door");
		body.putObject("billing_address")
			.put("first_name", shopper.get("first_name").stringValue())
			.put("last_name", shopper.get("last_name").stringValue())
			.put("street_1", "12 Baker Street")
			.put("city", "Springfield")
			.put("state", "Illinois")
			.put("zip", "62701")
			.put("country", "United States")
			.put("country_iso2", "US")
			.put("email", shopper.get("email").stringValue());
		ArrayNode products = body.putArray("products");
		products.addObject()
			.put("name", "Strawberry jam 250 g")
			.put("sku", "JAM-STRAW")
			.put("quantity", 2)
			.put("price_ex_tax", new BigDecimal("6.50"))
			.put("price_inc_tax", new BigDecimal("6.50"));
		products.addObject()
			.put("name", "House blend coffee 1 kg")
			.put("sku", "COFFEE-HOUSE")
			.put("quantity", 1)
			.put("price_ex_tax", new BigDecimal("24.00"))
			.put("price_inc_tax", new BigDecimal("24.00"));
		return body;
	}

}
