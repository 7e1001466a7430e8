package io.syncbatch.connector.bigcommerce.sandbox;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The v2 address shape shared by an order's billing address, its shipping addresses and
 * shipments.
 *
 * <p>
 * The contract types a billing address's {@code zip} and {@code phone} as numbers, while
 * BigCommerce's own examples (and real stores) use strings; a number would lose a leading
 * zero. Both are accepted and answered as strings.
 */
final class OrderAddresses {

	static final List<String> FIELDS = List.of("first_name", "last_name", "company", "street_1", "street_2", "city",
			"state", "zip", "country", "country_iso2", "phone", "email");

	/**
	 * What the sandbox needs to ship to an address; BigCommerce's own minimum is not
	 * published.
	 */
	static final List<String> REQUIRED_SHIPPING = List.of("first_name", "last_name", "street_1", "city", "zip",
			"country_iso2");

	/** A billing address also needs the email the order confirmation goes to. */
	static final List<String> REQUIRED_BILLING = List.of("first_name", "last_name", "street_1", "city", "zip",
			"country_iso2", "email");

	private static final Set<String> STRING_OR_NUMBER = Set.of("zip", "phone");

	private OrderAddresses() {
	}

	/**
	 * Checks one address object; {@code extraFields} are further fields it may carry
	 * (e.g. shipping_method).
	 */
	static void check(Checks checks, JsonNode address, List<String> required, Set<String> extraFields) {
		for (String field : address.propertyNames()) {
			if (!FIELDS.contains(field) && !extraFields.contains(field)) {
				checks.fail(field, "The field '" + field + "' is not supported by this sandbox store");
			}
		}
		for (String field : required) {
			JsonNode value = address.get(field);
			if (value == null || value.isNull() || (value.isString() && value.stringValue().isBlank())) {
				checks.fail(field, "The required field '" + field + "' was not supplied.");
			}
		}
		for (String field : FIELDS) {
			JsonNode value = address.get(field);
			if (value == null || value.isNull()) {
				continue;
			}
			boolean fits = value.isString() || (STRING_OR_NUMBER.contains(field) && value.isNumber());
			if (!fits) {
				checks.fail(field, field + " must be a string");
			}
		}
		for (String field : extraFields) {
			JsonNode value = address.get(field);
			if (value != null && !value.isNull() && !value.isString()) {
				checks.fail(field, field + " must be a string");
			}
		}
		JsonNode iso2 = address.get("country_iso2");
		if (iso2 != null && iso2.isString() && !iso2.stringValue().matches("[A-Za-z]{2}")) {
			checks.fail("country_iso2", "country_iso2 must be a two-letter country code");
		}
		JsonNode email = address.get("email");
		if (email != null && email.isString() && !email.stringValue().isEmpty()
				&& !looksLikeEmail(email.stringValue())) {
			checks.fail("email", "The email address " + email.stringValue() + " is not valid.");
		}
	}

	/** The address as stored and answered: every field present, strings throughout. */
	static ObjectNode normalized(JsonMapper mapper, JsonNode address) {
		ObjectNode node = mapper.createObjectNode();
		for (String field : FIELDS) {
			node.put(field, text(address.get(field)));
		}
		return node;
	}

	/** Writes the fields the source has over the target, as a PUT does. */
	static void merge(ObjectNode target, JsonNode source) {
		for (String field : FIELDS) {
			if (source.has(field)) {
				target.put(field, text(source.get(field)));
			}
		}
	}

	static String text(@Nullable JsonNode value) {
		if (value == null || value.isNull()) {
			return "";
		}
		return value.isString() ? value.stringValue() : value.asString();
	}

	private static boolean looksLikeEmail(String email) {
		int at = email.indexOf('@');
		return at > 0 && at == email.lastIndexOf('@') && at < email.length() - 1
				&& email.chars().noneMatch(Character::isWhitespace);
	}

}
