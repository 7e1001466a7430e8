package io.syncbatch.erpwrite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where an import writes its records in the ERP: a table keyed by company, one key column
 * and, where the table's key has more columns, their fixed values (a sales order's
 * {@code OrderType}).
 *
 * @param table the ERP table ({@code Customer})
 * @param key its key column besides {@code CompanyID} and the fixed ones
 * ({@code CustomerID}): the one a new record's value is made for
 * @param keyValues other columns of the table's key, with the value every record of this
 * import has ({@code OrderType: SO}): part of every look-up and of every new row
 * @param keyColumns other columns of the table's key whose values the mapping gives (a
 * location's {@code CustomerID}): part of every look-up too
 * @param classColumn the column naming the record's class ({@code CustomerClassID}),
 * whose row in {@code CustomerClass} names the numbering sequence new keys come from;
 * null when keys do not come from a class
 * @param recordClass the class a new record takes ({@code ECCUSTOMER}) when the mapping
 * gives none; {@code class} in a definition
 * @param numbering the numbering sequence new keys come from when they do not come from a
 * class ({@code SOWEB})
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
 * @param erpId how the entity's generic inquiry names a record of the table, a template
 * of its key columns ({@code "{OrderType}-{OrderNbr}"}); the key alone when null
 * @param lines the record's lines, written to a table of their own, or null
 */
public record ErpTarget(String table, String key, Map<String, Object> keyValues, List<String> keyColumns,
		@Nullable String classColumn, @JsonProperty("class") @Nullable String recordClass, @Nullable String numbering,
		String changeColumn, @Nullable String createdColumn, Map<String, Object> defaults, Boolean keepStoreKey,
		@Nullable String matchColumn, @Nullable String erpId, @Nullable ErpLines lines) {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

	public ErpTarget {
		keyValues = keyValues == null ? Map.of() : Map.copyOf(keyValues);
		// Off unless a definition says so.
		keepStoreKey = Boolean.TRUE.equals(keepStoreKey);
		defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
		required("table", table);
		required("key", key);
		required("change-column", changeColumn);
		// Table and column names cannot be bind parameters: only plain identifiers,
		// which the writer also checks against the table's real columns.
		identifier("table", table);
		identifier("key", key);
		identifier("change-column", changeColumn);
		keyValues.keySet().forEach(column -> identifier("key-values", column));
		keyColumns = keyColumns == null ? List.of() : List.copyOf(keyColumns);
		keyColumns.forEach(column -> identifier("key-columns", column));
		if (!keyColumns.isEmpty() && erpId == null) {
			throw new IllegalArgumentException("erp-target.erp-id is required with key-columns: how the entity's"
					+ " generic inquiry names a record of " + table + " by " + keyColumns + " and " + key);
		}
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
		if (classColumn == null && numbering == null && !keepStoreKey) {
			throw new IllegalArgumentException("erp-target: a new record needs a key: give class-column (its class's"
					+ " numbering sequence), numbering (a sequence) or keep-store-key");
		}
		if (erpId != null) {
			List<String> named = new ArrayList<>();
			Matcher placeholders = PLACEHOLDER.matcher(erpId);
			while (placeholders.find()) {
				named.add(placeholders.group(1));
			}
			if (!named.contains(key)) {
				throw new IllegalArgumentException(
						"erp-target.erp-id: '" + erpId + "' must name the key column {" + key + "}");
			}
			for (String column : named) {
				if (!column.equals(key) && !keyValues.containsKey(column) && !keyColumns.contains(column)) {
					throw new IllegalArgumentException("erp-target.erp-id: {" + column + "} is neither the key column"
							+ " nor one of key-values " + keyValues.keySet() + " or key-columns " + keyColumns);
				}
			}
			for (String column : keyColumns) {
				if (!named.contains(column)) {
					throw new IllegalArgumentException(
							"erp-target.erp-id: '" + erpId + "' must name each of key-columns: {" + column + "}");
				}
			}
		}
	}

	/**
	 * The key of a row besides {@code CompanyID} and the fixed values: the key columns'
	 * values, as the mapping gave them, then the key column's.
	 */
	public Map<String, Object> rowKey(Map<String, ? extends @Nullable Object> mapped, String keyValue) {
		Map<String, Object> rowKey = new LinkedHashMap<>();
		for (String column : keyColumns) {
			Object value = mapped.get(column);
			if (value == null || value.toString().isBlank()) {
				throw new IllegalArgumentException("key column " + column + " is empty");
			}
			rowKey.put(column, value);
		}
		rowKey.put(key, keyValue);
		return rowKey;
	}

	/** How the entity's generic inquiry names the record whose row key is this. */
	public String erpIdOf(Map<String, Object> rowKey) {
		if (erpId == null) {
			return String.valueOf(rowKey.get(key));
		}
		Matcher placeholders = PLACEHOLDER.matcher(erpId);
		StringBuilder named = new StringBuilder();
		while (placeholders.find()) {
			String column = placeholders.group(1);
			Object value = rowKey.containsKey(column) ? rowKey.get(column) : keyValues.get(column);
			placeholders.appendReplacement(named, Matcher.quoteReplacement(String.valueOf(value)));
		}
		placeholders.appendTail(named);
		return named.toString();
	}

	/**
	 * The row key of the record the entity's generic inquiry names so, or null when the
	 * name is not one of this target's records (another order type's).
	 */
	public @Nullable Map<String, Object> keyOf(String named) {
		if (erpId == null) {
			Map<String, Object> rowKey = new LinkedHashMap<>();
			rowKey.put(key, named);
			return rowKey;
		}
		StringBuilder pattern = new StringBuilder();
		List<String> groups = new ArrayList<>();
		Matcher placeholders = PLACEHOLDER.matcher(erpId);
		int at = 0;
		while (placeholders.find()) {
			pattern.append(Pattern.quote(erpId.substring(at, placeholders.start())));
			String column = placeholders.group(1);
			if (keyValues.containsKey(column)) {
				pattern.append(Pattern.quote(String.valueOf(keyValues.get(column))));
			}
			else {
				pattern.append("(.+?)");
				groups.add(column);
			}
			at = placeholders.end();
		}
		pattern.append(Pattern.quote(erpId.substring(at)));
		Matcher matched = Pattern.compile(pattern.toString()).matcher(named);
		if (!matched.matches()) {
			return null;
		}
		Map<String, Object> parts = new LinkedHashMap<>();
		for (int i = 0; i < groups.size(); i++) {
			parts.put(groups.get(i), matched.group(i + 1));
		}
		Map<String, Object> rowKey = new LinkedHashMap<>();
		keyColumns.forEach(column -> rowKey.put(column, parts.get(column)));
		rowKey.put(key, parts.get(key));
		return rowKey;
	}

	/** The names of the columns that identify a record, in {@link #identity} order. */
	List<String> identityColumns() {
		List<String> columns = new ArrayList<>(List.of("CompanyID"));
		columns.addAll(keyValues.keySet());
		columns.addAll(keyColumns);
		columns.add(key);
		return columns;
	}

	/**
	 * The columns that identify a record, with their values: the company, the fixed ones,
	 * then the row key's.
	 */
	Map<String, Object> identity(int companyId, Map<String, Object> rowKey) {
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("CompanyID", companyId);
		identity.putAll(keyValues);
		identity.putAll(rowKey);
		return identity;
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

	/**
	 * A record's lines, in a table of their own keyed by the record's key columns and a
	 * line number ({@code SOLine}).
	 *
	 * @param table the lines' table
	 * @param from the mapped field that holds the lines, a list of column maps (a
	 * {@code lines} rule's target)
	 * @param numberColumn the line number column, numbered from 1 in the list's order
	 */
	public record ErpLines(String table, String from, String numberColumn) {

		public ErpLines {
			required("lines.table", table);
			required("lines.from", from);
			required("lines.number-column", numberColumn);
			identifier("lines.table", table);
			identifier("lines.number-column", numberColumn);
		}

	}

}
