package io.syncbatch.connector.bigcommerce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.MalformedAnswerException;
import io.syncbatch.connector.ResourceReader.StoreDocument;
import io.syncbatch.record.DataRecord;
import tools.jackson.databind.JsonNode;

/**
 * Reads the addresses of one {@code GET /v3/customers/addresses} answer (address_Full in
 * the published contract), or of a write's answer, into store documents. An address has
 * no modification date in the contract, so its documents have no change time: what
 * changed is told by the fields' fingerprint alone.
 */
final class AddressDocuments {

	/** address_Full's fields an import reads, besides id and customer_id. */
	static final List<String> FIELDS = List.of("first_name", "last_name", "company", "address1", "address2", "city",
			"state_or_province", "postal_code", "country_code", "phone", "address_type");

	/** What was asked, for messages: "GET /v3/customers/addresses?… on store main". */
	private final String request;

	AddressDocuments(String request) {
		this.request = request;
	}

	V3Pagination pagination(JsonNode answer) {
		return V3Pagination.of(answer, this::malformed);
	}

	List<StoreDocument> documents(JsonNode answer) {
		JsonNode data = answer.path("data");
		if (!data.isArray()) {
			throw malformed("has no data list of addresses");
		}
		List<StoreDocument> documents = new ArrayList<>(data.size());
		for (int i = 0; i < data.size(); i++) {
			documents.add(document(data.get(i), "data[" + i + "]"));
		}
		return documents;
	}

	/**
	 * An address of a write's answer, read as a page of them reads it; null when the
	 * answer does not hold a whole address, which the write itself does not need.
	 */
	@Nullable StoreDocument answered(JsonNode address) {
		try {
			return document(address, "data");
		}
		catch (MalformedAnswerException incomplete) {
			return null;
		}
	}

	private StoreDocument document(JsonNode address, String at) {
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

	private MalformedAnswerException malformed(String what) {
		return new MalformedAnswerException("the answer to " + request + " " + what);
	}

	private static String abbreviate(String text) {
		return text.length() <= 100 ? text : text.substring(0, 100) + "…";
	}

}
