package io.syncbatch.erpwrite;

import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where an import writes its records in the ERP: a table keyed by company and one key
 * column.
 *
 * @param table the ERP table ({@code Customer})
 * @param key its key column besides {@code CompanyID} ({@code CustomerID})
 * @param classColumn the column naming the record's class ({@code CustomerClassID}),
 * whose row in {@code CustomerClass} names the numbering sequence new keys come from;
 * null when keys are never generated
 * @param recordClass the class a new record takes ({@code ECCUSTOMER}) when the mapping
 * gives none; {@code class} in a definition
 * @param changeColumn the column every write sets to the time of the write
 * ({@code LastModifiedDateTime}), as ERP users' edits do
 * @param createdColumn the column an insert sets to that time, or null
 * @param defaults values a new record takes for columns the mapping leaves empty
 * ({@code Status: A})
 * @param keepStoreKey whether a new record keeps the store's own number as its key when
 * the store record has one (Acumatica's "Use Id in customer data as the mapping")
 * @param matchColumn a column (a customer's {@code Email}) by which a store record that
 * no ERP record is bound to yet is matched to an ERP record that no store record is bound
 * to, instead of a second ERP record being made for it; compared ignoring case; null when
 * records are never matched
 */
public record ErpTarget(String table, String key, @Nullable String classColumn,
		@JsonProperty("class") @Nullable String recordClass, String changeColumn, @Nullable String createdColumn,
		Map<String, Object> defaults, boolean keepStoreKey, @Nullable String matchColumn) {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

	public ErpTarget {
		defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
		required("table", table);
		required("key", key);
		required("change-column", changeColumn);
		// Table and column names cannot be bind parameters: only plain identifiers,
		// which the writer also checks against the table's real columns.
		identifier("table", table);
		identifier("key", key);
		identifier("change-column", changeColumn);
		if (classColumn != null) {
			identifier("class-column", classColumn);
		}
		if (createdColumn != null) {
			identifier("created-column", createdColumn);
		}
		defaults.keySet().forEach(column -> identifier("defaults", column));
		if (matchColumn != null) {
			identifier("match-column", matchColumn);
		}
		if (classColumn == null && !keepStoreKey) {
			throw new IllegalArgumentException(
					"erp-target: a new record needs a key: give class-column (its class's numbering sequence) "
							+ "or keep-store-key");
		}
	}

	private static void required(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("erp-target." + field + " is required");
		}
	}

	static void identifier(String field, String name) {
		if (!IDENTIFIER.matcher(name).matches()) {
			throw new IllegalArgumentException(
					"erp-target." + field + ": '" + name + "' is not a plain column or table name");
		}
	}

}
