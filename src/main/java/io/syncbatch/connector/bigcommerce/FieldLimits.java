package io.syncbatch.connector.bigcommerce;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a published contract allows of one value of a request body, as far as it says so:
 * lengths of text, bounds of numbers, the values of an enum, a pattern, the number of
 * items of a list, the fields an object requires and the limits of each of its fields.
 * Anything the contract does not state is not checked here (the store has the last word
 * on that); types are not checked, since the mapping rules make them.
 *
 * @param allowed an enum's values as text; empty when any value goes
 * @param required fields an object must have (checked on create only: an update sends
 * what changed, and its id goes elsewhere)
 * @param items the limits of each item of a list, or null
 */
record FieldLimits(@Nullable Integer minLength, @Nullable Integer maxLength, @Nullable BigDecimal minimum,
		boolean exclusiveMinimum, @Nullable BigDecimal maximum, boolean exclusiveMaximum, List<String> allowed,
		@Nullable Pattern pattern, @Nullable Integer maxItems, Set<String> required,
		Map<String, FieldLimits> properties, @Nullable FieldLimits items) {

	private static final int SHOWN_CHARACTERS = 40;

	FieldLimits {
		allowed = List.copyOf(allowed);
		required = Set.copyOf(required);
		properties = Map.copyOf(properties);
	}

	@Nullable FieldLimits property(String name) {
		return properties.get(name);
	}

	/**
	 * Adds to {@code problems} what the contract forbids in {@code value}, each naming
	 * the field ({@code company}, {@code billing_address.zip}, {@code products[0].name}).
	 * @param field where the value is in the body; empty for the body itself
	 * @param requireFields check the fields objects require
	 */
	void check(String field, @Nullable Object value, boolean requireFields, List<String> problems) {
		if (value == null) {
			return;
		}
		if (value instanceof CharSequence text) {
			checkText(field, text.toString(), problems);
		}
		else if (value instanceof Number number) {
			checkNumber(field, number, problems);
		}
		if (!allowed.isEmpty() && !(value instanceof Map) && !(value instanceof List)
				&& !allowed.contains(asText(value))) {
			problems.add(field + " is '" + shown(asText(value)) + "'; the store accepts one of " + allowed);
		}
		if (value instanceof Map<?, ?> object) {
			checkObject(field, object, requireFields, problems);
		}
		else if (value instanceof List<?> list) {
			if (maxItems != null && list.size() > maxItems) {
				problems.add(field + " has " + list.size() + " items; the store accepts at most " + maxItems);
			}
			if (items != null) {
				for (int i = 0; i < list.size(); i++) {
					items.check(field + "[" + i + "]", list.get(i), requireFields, problems);
				}
			}
		}
	}

	private void checkText(String field, String text, List<String> problems) {
		// JSON Schema counts characters, not UTF-16 units.
		int length = text.codePointCount(0, text.length());
		if (maxLength != null && length > maxLength) {
			problems.add(field + " is " + length + " characters; the store accepts at most " + maxLength);
		}
		if (minLength != null && length < minLength) {
			problems.add(field + " is " + length + " characters; the store needs at least " + minLength);
		}
		if (pattern != null && !pattern.matcher(text).find()) {
			problems.add(field + " '" + shown(text) + "' does not match the store's pattern " + pattern.pattern());
		}
	}

	private void checkNumber(String field, Number number, List<String> problems) {
		BigDecimal value;
		try {
			value = new BigDecimal(number.toString());
		}
		catch (NumberFormatException notFinite) {
			problems.add(field + " is " + number + ", not a number the store accepts");
			return;
		}
		if (maximum != null) {
			int against = value.compareTo(maximum);
			if (against > 0 || exclusiveMaximum && against == 0) {
				problems.add(field + " is " + value.toPlainString() + "; the store accepts "
						+ (exclusiveMaximum ? "less than " : "at most ") + maximum.toPlainString());
			}
		}
		if (minimum != null) {
			int against = value.compareTo(minimum);
			if (against < 0 || exclusiveMinimum && against == 0) {
				problems.add(field + " is " + value.toPlainString() + "; the store accepts "
						+ (exclusiveMinimum ? "more than " : "at least ") + minimum.toPlainString());
			}
		}
	}

	private void checkObject(String field, Map<?, ?> object, boolean requireFields, List<String> problems) {
		if (requireFields) {
			required.stream()
				.sorted()
				.filter(name -> object.get(name) == null)
				.forEach(name -> problems.add(child(field, name) + " is required by the store"));
		}
		object.forEach((name, fieldValue) -> {
			FieldLimits limits = properties.get(String.valueOf(name));
			if (limits != null) {
				limits.check(child(field, String.valueOf(name)), fieldValue, requireFields, problems);
			}
		});
	}

	private static String child(String field, String name) {
		return field.isEmpty() ? name : field + "." + name;
	}

	/** As an enum of the contract writes it: numbers without trailing zeros. */
	static String asText(Object value) {
		if (value instanceof Number number) {
			try {
				return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
			}
			catch (NumberFormatException notFinite) {
				return number.toString();
			}
		}
		return value.toString();
	}

	private static String shown(String text) {
		return text.length() <= SHOWN_CHARACTERS ? text : text.substring(0, SHOWN_CHARACTERS) + "…";
	}

}
