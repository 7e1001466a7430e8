package io.syncbatch.connector.bigcommerce.sandbox;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The shoppers a new demo sandbox store starts with: they signed up in the store, and the
 * ERP has never heard of them. One buys for a company, the other for herself.
 */
final class DemoShoppers {

	private DemoShoppers() {
	}

	/** A {@code POST /v3/customers} body creating them. */
	static JsonNode customers(JsonMapper mapper) {
		ArrayNode body = mapper.createArrayNode();
		body.addObject()
			.put("email", "gina.baker@sunnyside.example")
			.put("first_name", "Gina")
			.put("last_name", "Baker")
			.put("company", "Sunny Side Bakery")
			.put("phone", "+1 555 0142");
		body.addObject()
			.put("email", "liam.chen@mail.example")
			.put("first_name", "Liam")
			.put("last_name", "Chen")
			.put("company", "")
			.put("phone", "");
		return body;
	}

}
