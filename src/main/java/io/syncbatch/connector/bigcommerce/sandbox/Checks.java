package io.syncbatch.connector.bigcommerce.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.syncbatch.connector.sandbox.Table;
import tools.jackson.databind.JsonNode;

/**
 * Collects what is wrong with the fields of one JSON object, keyed the way the answer
 * names them ({@code 0.first_name} for item 0 of a v3 batch, {@code billing_address.zip}
 * for a v2 order).
 *
 * <p>
 * Every check passes when the field is absent, except {@link #required}: what is optional
 * is the caller's decision, not the type check's.
 */
final class Checks {

	private final Map<String, String> errors;

	private final String prefix;

	Checks(Map<String, String> errors, String prefix) {
		this.errors = errors;
		this.prefix = prefix;
	}

	static Checks fresh() {
		return new Checks(new LinkedHashMap<>(), "");
	}

	/** The same error map, for a nested object or a batch item. */
	Checks nested(String segment) {
		return new Checks(errors, prefix + segment + ".");
	}

	Map<String, String> errors() {
		return errors;
	}

	boolean ok() {
		return errors.isEmpty();
	}

	void fail(String field, String message) {
		errors.putIfAbsent(prefix + field, message);
	}

	/**
	 * A batch update's item names its record by an integer {@code id}; records why not.
	 */
	boolean integerId(JsonNode item) {
		if (Json.isInt(item.get("id"))) {
			return true;
		}
		fail("id", "id is required and must be an integer");
		return false;
	}

	/**
	 * The record a batch update's item names is in the table and named only once in the
	 * request; records why not. {@code noun} names the record in the message ("Address
	 * with id 7 does not exist").
	 */
	boolean existingOnce(int id, Table table, Set<Integer> seen, String noun) {
		if (!table.contains(id)) {
			fail("id", noun + " with id " + id + " does not exist");
			return false;
		}
		if (!seen.add(id)) {
			fail("id", noun + " with id " + id + " appears more than once in this request");
			return false;
		}
		return true;
	}

	boolean required(JsonNode item, String field) {
		if (item.hasNonNull(field)) {
			return true;
		}
		fail(field, field + " is required");
		return false;
	}

	void string(JsonNode item, String field, int minLength, int maxLength) {
		if (!item.has(field)) {
			return;
		}
		JsonNode value = item.get(field);
		if (!value.isString()) {
			fail(field, field + " must be a string");
		}
		else if (value.stringValue().length() < minLength || value.stringValue().length() > maxLength) {
			fail(field, field + " must be between " + minLength + " and " + maxLength + " characters long");
		}
	}

	void string(JsonNode item, String field) {
		string(item, field, 0, Integer.MAX_VALUE);
	}

	void integer(JsonNode item, String field, long min, long max) {
		if (!item.has(field)) {
			return;
		}
		JsonNode value = item.get(field);
		if (!value.isIntegralNumber() || !value.canConvertToLong()) {
			fail(field, field + " must be an integer");
		}
		else if (value.longValue() < min || value.longValue() > max) {
			fail(field, field + " must be between " + min + " and " + max);
		}
	}

	void number(JsonNode item, String field, double min) {
		if (!item.has(field)) {
			return;
		}
		JsonNode value = item.get(field);
		if (!value.isNumber()) {
			fail(field, field + " must be a number");
		}
		else if (value.doubleValue() < min) {
			fail(field, field + " must be at least " + (min == Math.rint(min) ? String.valueOf((long) min) : min));
		}
	}

	void bool(JsonNode item, String field) {
		if (item.has(field) && !item.get(field).isBoolean()) {
			fail(field, field + " must be true or false");
		}
	}

	void oneOf(JsonNode item, String field, Set<String> allowed) {
		if (!item.has(field)) {
			return;
		}
		JsonNode value = item.get(field);
		if (!value.isString() || !allowed.contains(value.stringValue())) {
			fail(field, field + " must be one of " + new TreeSet<>(allowed));
		}
	}

	void integers(JsonNode item, String field) {
		if (item.has(field) && !Json.isArrayOf(item.get(field), n -> n.isIntegralNumber() && n.canConvertToInt())) {
			fail(field, field + " must be an array of integers");
		}
	}

	void strings(JsonNode item, String field) {
		if (item.has(field) && !Json.isArrayOf(item.get(field), JsonNode::isString)) {
			fail(field, field + " must be an array of strings");
		}
	}

}
