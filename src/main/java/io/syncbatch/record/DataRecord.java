package io.syncbatch.record;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * A record of either side, its fields by name: an ERP row (columns) or a store document
 * (JSON fields). Names compare ignoring case, because H2 and MySQL label columns
 * differently; a dotted name ({@code
 * billing_address.zip}) walks into nested objects, which store documents have. Mapping
 * rules and filtering conditions read only this, so the same rule kinds map an ERP row to
 * a store payload and a store document to an ERP row.
 */
public final class DataRecord {

	private final Map<String, @Nullable Object> fields;

	private DataRecord(Map<String, @Nullable Object> fields) {
		this.fields = fields;
	}

	/**
	 * The fields as given, in their order; later names that differ only in case replace
	 * earlier ones.
	 */
	public static DataRecord of(Map<String, ? extends @Nullable Object> fields) {
		Map<String, @Nullable Object> byName = new LinkedCaseInsensitiveMap<>(fields.size());
		byName.putAll(fields);
		return new DataRecord(byName);
	}

	/**
	 * The fields of a map read for this record alone, without a copy: prepare reads a
	 * million rows, and a copy each is measurable. The caller must not change the map
	 * afterwards.
	 */
	public static DataRecord adopt(LinkedCaseInsensitiveMap<@Nullable Object> fields) {
		return new DataRecord(fields);
	}

	/** The field's value, or null when it is missing or null. */
	public @Nullable Object value(String field) {
		if (fields.containsKey(field) || field.indexOf('.') < 0) {
			return fields.get(field);
		}
		Object current = fields;
		for (String part : field.split("\\.")) {
			if (current instanceof Map<?, ?> object) {
				current = object.get(part);
			}
			else if (current instanceof List<?> list && part.matches("\\d{1,4}")) {
				// A list's item by its place, from 0: a Magento address's street lines.
				int index = Integer.parseInt(part);
				current = index < list.size() ? list.get(index) : null;
			}
			else {
				return null;
			}
		}
		return current;
	}

	/** The field as trimmed text, or null when it is missing, null or blank. */
	public @Nullable String text(String field) {
		Object value = value(field);
		if (value == null) {
			return null;
		}
		String text = value.toString().trim();
		return text.isEmpty() ? null : text;
	}

	/** Every field, in the order read; looked up ignoring case. */
	public Map<String, @Nullable Object> fields() {
		return Collections.unmodifiableMap(fields);
	}

	@Override
	public String toString() {
		return "DataRecord" + fields.keySet();
	}

}
