package io.syncbatch.connector.magento;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.PlainJson;
import tools.jackson.databind.JsonNode;

/**
 * A Magento customer ({@code customer-data-customer-interface}) as an import reads it:
 * its own fields, and its default billing address's {@code telephone} and
 * {@code company}, which Magento's admin shows as the customer's.
 */
final class MagentoCustomerDocuments implements MagentoChangeReader.Documents {

	@Override
	public String plural() {
		return "customers";
	}

	@Override
	public JsonNode id(JsonNode customer) {
		return customer.path("id");
	}

	@Override
	public Map<String, @Nullable Object> fields(JsonNode customer) {
		Map<String, @Nullable Object> fields = MagentoChangeReader.Documents.fieldsBut(customer, Set.of("updated_at"));
		JsonNode billing = defaultBilling(customer);
		fields.put("telephone", billing == null ? null : PlainJson.of(billing.get("telephone")));
		fields.put("company", billing == null ? null : PlainJson.of(billing.get("company")));
		return fields;
	}

	private static @Nullable JsonNode defaultBilling(JsonNode customer) {
		String billingId = customer.path("default_billing").asString("");
		for (JsonNode address : customer.path("addresses")) {
			if (address.path("default_billing").asBoolean(false)
					|| (!billingId.isEmpty() && billingId.equals(address.path("id").asString()))) {
				return address;
			}
		}
		return null;
	}

}
