package io.syncbatch.erpwrite;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An ERP table's columns as its database declares them: which a new row must be given
 * (NOT NULL without a default) and how long a text may be. The writer checks every record
 * against them, so that what the ERP would refuse is refused first with the record and
 * the field named, and names in a definition that are not columns are caught.
 */
final class ErpColumns {

	/**
	 * @param size the longest text it takes, or 0 when it is not text
	 */
	record Column(String name, boolean required, int size) {
	}

	private final String table;

	private final Map<String, Column> columns;

	private ErpColumns(String table, Map<String, Column> columns) {
		this.table = table;
		this.columns = columns;
	}

	static ErpColumns of(JdbcTemplate erp, String table) {
		ErpTarget.identifier("table", table);
		return erp.execute((java.sql.Connection connection) -> {
			Map<String, Column> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			String storedName;
			try (var statement = connection.createStatement();
					ResultSet none = statement.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
				ResultSetMetaData meta = none.getMetaData();
				storedName = meta.getTableName(1);
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					boolean text = meta.getColumnType(i) == java.sql.Types.VARCHAR
							|| meta.getColumnType(i) == java.sql.Types.CHAR;
					columns.put(meta.getColumnName(i), new Column(meta.getColumnName(i),
							meta.isNullable(i) == ResultSetMetaData.columnNoNulls, text ? meta.getPrecision(i) : 0));
				}
			}
			withoutDefaultsRequired(connection.getMetaData(), connection.getCatalog(), storedName, columns);
			return new ErpColumns(table, columns);
		});
	}

	/** A NOT NULL column with a default can be left out. */
	private static void withoutDefaultsRequired(DatabaseMetaData meta, String catalog, String table,
			Map<String, Column> columns) throws SQLException {
		try (ResultSet declared = meta.getColumns(catalog, null, table, null)) {
			while (declared.next()) {
				String name = declared.getString("COLUMN_NAME");
				Column column = columns.get(name);
				if (column != null && column.required() && declared.getString("COLUMN_DEF") != null) {
					columns.put(name, new Column(column.name(), false, column.size()));
				}
			}
		}
	}

	/** The column of this name, compared case-insensitively as the ERP's SQL does. */
	Optional<Column> column(String name) {
		return Optional.ofNullable(columns.get(name));
	}

	Column require(String name, String field) {
		return column(name).orElseThrow(() -> new IllegalArgumentException("erp-target." + field + ": '" + name
				+ "' is not a column of ERP table " + table + " (its columns: " + columns.keySet() + ")"));
	}

	Column requireMapped(String name) {
		return column(name).orElseThrow(() -> new IllegalArgumentException("mapping target '" + name
				+ "' is not a column of ERP table " + table + " (its columns: " + columns.keySet() + ")"));
	}

	Iterable<Column> all() {
		return columns.values();
	}

}
