package io.syncbatch.connector.bigcommerce;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.PlainJson;
import io.syncbatch.connector.ResourceReader.StoreDocument;
import io.syncbatch.record.DataRecord;
import tools.jackson.databind.JsonNode;

/**
 * Reads the customers of one {@code GET /v3/customers} answer (customer_Full in the
 * published contract) into store documents, refusing what the contract does not allow.
 *
 * <p>
 * The fields are the ones an import maps to an ERP customer and its locations, under the
 * store's own names. {@code addresses} is a list of maps, one per address with every
 * field the store sent (id, first_name, address1, city, country_code…): a
 * {@link DataRecord} holds nested values as they are, and a later mapping walks the list
 * itself, since dotted names reach into maps but not lists. The store includes at most 10
 * addresses; {@code address_count} says how many the customer has, so a mapping can tell
 * when some were left out.
 */
final class CustomerDocuments extends V3Documents {

	/**
	 * customer_Full's fields an import reads, besides id and addresses; date_modified is
	 * the document's change time, not a field.
	 */
	static final List<String> FIELDS = List.of("email", "first_name", "last_name", "company", "phone",
			"customer_group_id", "date_created", "address_count");

	CustomerDocuments(String request) {
		super(request, "customers");
	}

	@Override
	StoreDocument document(JsonNode customer, String at) {
		JsonNode idNode = customer.path("id");
		if (!idNode.isIntegralNumber()) {
			throw malformed("has a customer without an integer id at " + at + ".id: "
					+ (customer.has("id") ? abbreviate(idNode.toString()) : "missing"));
		}
		String id = String.valueOf(idNode.longValue());
		Instant changedAt = instant(customer, "date_modified", "customer " + id + " (" + at + ")");
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		fields.put("id", idNode.longValue());
		for (String field : FIELDS) {
			fields.put(field, PlainJson.of(customer.get(field)));
		}
		fields.put("addresses",
				PlainJson.of(customer.path("addresses").isMissingNode() ? null : customer.get("addresses")));
		return new StoreDocument(id, changedAt, DataRecord.of(fields));
	}

	/** The store's RFC 3339 time, e.g. 2018-09-05T13:45:03Z, required. */
	private Instant instant(JsonNode customer, String field, String whose) {
		JsonNode value = customer.path(field);
		if (!value.isString()) {
			throw malformed("has " + whose + " without " + field + ", which it needs to read changes in order"
					+ (customer.has(field) ? ": " + abbreviate(value.toString()) : ""));
		}
		try {
			return OffsetDateTime.parse(value.stringValue()).toInstant();
		}
		catch (DateTimeParseException unparsable) {
			throw malformed("has " + whose + " with " + field + " '" + abbreviate(value.stringValue())
					+ "', which is not a date-time such as 2018-09-05T13:45:03Z");
		}
	}

}
