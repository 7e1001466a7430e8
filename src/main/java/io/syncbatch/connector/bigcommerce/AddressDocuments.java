package io.syncbatch.connector.bigcommerce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.PlainJson;
import io.syncbatch.connector.ResourceReader.StoreDocument;
import io.syncbatch.record.DataRecord;
import tools.jackson.databind.JsonNode;

/**
 * Reads the addresses of one {@code GET /v3/customers/addresses} answer (address_Full in
 * the published contract), or of a write's answer, into store documents. An address has
 * no modification date in the contract, so its documents have no change time: what
 * changed is told by the fields' fingerprint alone.
 */
final class AddressDocuments extends V3Documents {

	/** address_Full's fields an import reads, besides id and customer_id. */
	static final List<String> FIELDS = List.of("first_name", "last_name", "company", "address1", "address2", "city",
			"state_or_province", "postal_code", "country_code", "phone", "address_type");

	AddressDocuments(String request) {
		super(request, "addresses");
	}

	@Override
	StoreDocument document(JsonNode address, String at) {
		JsonNode id = address.path("id");
		JsonNode customerId = address.path("customer_id");
		if (!id.isIntegralNumber() || !customerId.isIntegralNumber()) {
			throw malformed("has an address without an integer id and customer_id at " + at + ": "
					+ abbreviate(address.toString()));
		}
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("id", id.longValue());
		fields.put("customer_id", customerId.longValue());
		for (String field : FIELDS) {
			fields.put(field, PlainJson.of(address.get(field)));
		}
		return new StoreDocument(String.valueOf(id.longValue()), null, DataRecord.of(fields));
	}

}
