package io.syncbatch.erp;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedCaseInsensitiveMap;

import io.syncbatch.definition.BatchFilter;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.SourceQuery;
import io.syncbatch.record.DataRecord;
import io.syncbatch.record.SourceRecord;

/**
 * Reads an entity's generic inquiry from the ERP database. The definition's query is used
 * as a derived table ({@code SELECT * FROM (query) gi WHERE ...}) so that the watermark,
 * keyset paging and key lookups are added as bind parameters around it without parsing or
 * editing the operator's SQL.
 */
@Component
public class ErpSource {

	private static final String SINCE = "_syncbatch_since";

	private static final String KEYS = "_syncbatch_keys";

	private static final String FILTER_PREFIX = "_syncbatch_filter_";

	private final ErpQueries jdbc;

	public ErpSource(@Qualifier("erpDataSource") DataSource erp) {
		this.jdbc = new ErpQueries(erp);
	}

	/**
	 * A restartable reader of the rows changed since {@code since} (all rows when null):
	 * in key order, or in change-time order when {@code since} is given, so that the
	 * server walks the change-time index.
	 */
	public ErpPageReader changedRows(EntityDefinition definition, @Nullable LocalDateTime since,
			Map<String, Object> parameters, Map<BatchFilter, Object> filters, int pageSize) {
		SourceQuery source = definition.source();
		Map<String, Object> values = new HashMap<>(parameters);
		List<String> conditions = bind(filters, values);
		if (since != null) {
			conditions.add("gi." + source.changeColumn() + " >= :" + SINCE);
			values.put(SINCE, since);
		}
		return new ErpPageReader(jdbc, source, derivedTable(source.query()), conditions, values, since != null,
				pageSize, definition.entity() + "-erp");
	}

	/**
	 * "Load": the first rows the filters select, in key order, without syncing anything.
	 */
	public List<SourceRecord> selected(EntityDefinition definition, Map<String, Object> parameters,
			Map<BatchFilter, Object> filters, int limit) {
		Map<String, Object> values = new HashMap<>(parameters);
		List<String> conditions = bind(filters, values);
		String sql = "SELECT * FROM " + derivedTable(definition.source().query())
				+ (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)) + " ORDER BY gi."
				+ definition.source().key() + " LIMIT " + Math.max(1, limit);
		return jdbc.query(sql, values, new ErpRowMapper(definition.source())::mapRow);
	}

	/**
	 * Each filter becomes a condition on the GI's column with its value bound, never
	 * written into the SQL.
	 */
	private static List<String> bind(Map<BatchFilter, Object> filters, Map<String, Object> values) {
		List<String> conditions = new ArrayList<>();
		filters.forEach((filter, value) -> {
			String name = FILTER_PREFIX + filter.parameter();
			String column = "gi." + filter.column();
			conditions.add(switch (filter.match()) {
				case FROM -> column + " >= :" + name;
				case TO -> column + " <= :" + name;
				case IN -> column + " IN (:" + name + ")";
			});
			values.put(name, value);
		});
		return conditions;
	}

	/**
	 * The current rows of the given keys; a key missing from the result is no longer
	 * selected by the query.
	 */
	public Map<String, SourceRecord> rowsByKey(EntityDefinition definition, Collection<String> keys,
			Map<String, Object> parameters) {
		SourceQuery source = definition.source();
		Map<String, SourceRecord> rows = new LinkedHashMap<>();
		byKey(source, "*", keys, parameters, new ErpRowMapper(source)::mapRow).forEach(row -> rows.put(row.key(), row));
		return rows;
	}

	/**
	 * Which of these keys the entity's query still selects, reading the key column only:
	 * the others were deleted in the ERP or left the query's selection.
	 */
	public Set<String> selectedKeys(EntityDefinition definition, Collection<String> keys,
			Map<String, Object> parameters) {
		SourceQuery source = definition.source();
		return new HashSet<>(byKey(source, "gi." + source.key(), keys, parameters, (rs, n) -> rs.getString(1)));
	}

	/** The query's rows whose key is one of these, as {@code columns} of them. */
	private <T> List<T> byKey(SourceQuery source, String columns, Collection<String> keys,
			Map<String, Object> parameters, RowMapper<T> mapper) {
		if (keys.isEmpty()) {
			return List.of();
		}
		Map<String, Object> values = new HashMap<>(parameters);
		values.put(KEYS, keys);
		return jdbc.query("SELECT " + columns + " FROM " + derivedTable(source.query()) + " WHERE gi." + source.key()
				+ " IN (:" + KEYS + ")", values, mapper);
	}

	/**
	 * The rows of a child query (a sales order's lines). Its named parameters are bound
	 * from {@code values}, looked up ignoring case so {@code :orderNbr} finds the
	 * parent's {@code OrderNbr} on H2 and MySQL alike.
	 */
	public List<DataRecord> childRows(String query, Map<String, Object> values) {
		SqlParameterSource parameters = ignoringCase(values);
		return jdbc.query(query, parameters, (rs, rowNum) -> {
			var meta = rs.getMetaData();
			Map<String, Object> columns = new LinkedCaseInsensitiveMap<>(meta.getColumnCount());
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				columns.put(meta.getColumnLabel(i), rs.getObject(i));
			}
			return DataRecord.of(columns);
		});
	}

	private static SqlParameterSource ignoringCase(Map<String, Object> values) {
		Map<String, Object> byName = new LinkedCaseInsensitiveMap<>();
		byName.putAll(values);
		return new MapSqlParameterSource() {
			@Override
			public boolean hasValue(String name) {
				return byName.containsKey(name);
			}

			@Override
			public Object getValue(String name) {
				if (!byName.containsKey(name)) {
					throw new IllegalArgumentException(
							":" + name + " is neither a column of the parent row nor a query parameter");
				}
				return byName.get(name);
			}
		};
	}

	/**
	 * Whether a table of the company has a row with this value in this column: an
	 * imported order line's item, say. Table and column are plain names, checked where
	 * the rule naming them is read.
	 */
	public boolean has(String table, String column, Object companyId, String value) {
		return !jdbc
			.query("SELECT 1 FROM " + table + " WHERE CompanyID = :company AND " + column + " = :value",
					Map.of("company", companyId, "value", value), (rs, n) -> 1)
			.isEmpty();
	}

	/**
	 * The query's columns and their JDBC types ({@link java.sql.Types}), looked up
	 * ignoring case, to check a definition against the real ERP schema before anything
	 * runs.
	 */
	public Map<String, Integer> columnTypes(EntityDefinition definition, Map<String, Object> parameters) {
		return columnTypes(definition.source().query(), parameters);
	}

	/**
	 * As above for any query, such as a lines rule's child query; parameters are looked
	 * up ignoring case.
	 */
	public Map<String, Integer> columnTypes(String query, Map<String, Object> parameters) {
		String sql = "SELECT * FROM " + derivedTable(query) + " WHERE 1 = 0";
		Map<String, Integer> types = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		jdbc.query(sql, ignoringCase(parameters), rs -> {
			var meta = rs.getMetaData();
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				types.put(meta.getColumnLabel(i), meta.getColumnType(i));
			}
			return types;
		});
		return types;
	}

	private static String derivedTable(String query) {
		return "(" + query.strip() + ") gi";
	}

}
