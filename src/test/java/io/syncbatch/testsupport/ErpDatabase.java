package io.syncbatch.testsupport;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.SimpleJdbcInsert;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The ERP as a test sees it: the tables of {@code sql/} with the demo company, written
 * through a connection of its own because the engine's ERP pool is read-only.
 */
public final class ErpDatabase {

	private final JdbcTemplate jdbc;

	public ErpDatabase(DataSource erp) {
		this.jdbc = new JdbcTemplate(erp);
	}

	public ErpDatabase(Environment environment) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				environment.getRequiredProperty("syncbatch.erp.datasource.url"));
		// An empty user would override the one in the URL (MariaDB's root@127.0.0.1).
		String user = environment.getProperty("syncbatch.erp.datasource.username");
		if (user != null && !user.isEmpty()) {
			dataSource.setUsername(user);
			dataSource.setPassword(environment.getProperty("syncbatch.erp.datasource.password", ""));
		}
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** Back to the demo company of {@code sql/erp-demo-data.sql}. */
	public void reset() {
		new ResourceDatabasePopulator(new ClassPathResource("sql/erp-schema.sql")).execute(jdbc.getDataSource());
		for (String table : new String[] { "BCSyncStatus", "ARInvoice", "SOShipLine", "SOShipment", "SOLine", "SOOrder",
				"INItemCategory", "InventoryItem", "INCategory", "Location", "Customer", "Contact", "CustomerClass",
				"NumberingSequence" }) {
			jdbc.update("DELETE FROM " + table);
		}
		new ResourceDatabasePopulator(new ClassPathResource("sql/erp-demo-data.sql")).execute(jdbc.getDataSource());
	}

	/**
	 * Edits a customer as the Customers form would: the change is stamped with a new
	 * LastModifiedDateTime.
	 */
	public void editCustomer(String customerId, String column, Object value, LocalDateTime modifiedAt) {
		int updated = jdbc.update("UPDATE Customer SET " + column + " = ?, LastModifiedDateTime = ?"
				+ " WHERE CompanyID = 2 AND CustomerID = ?", value, Timestamp.valueOf(modifiedAt), customerId);
		if (updated != 1) {
			throw new IllegalArgumentException("no demo customer " + customerId);
		}
	}

	/**
	 * A COMMERCEBB customer with no primary contact, as typed into the Customers form.
	 */
	public void addCustomer(String customerId, String accountName, String email, LocalDateTime modifiedAt) {
		jdbc.update(
				"INSERT INTO Customer (CompanyID, CustomerID, AcctName, CustomerClassID, Email, Phone1,"
						+ " PrimaryContactID, CountryID, Status, CreatedDateTime, LastModifiedDateTime)"
						+ " VALUES (2, ?, ?, 'COMMERCEBB', ?, NULL, NULL, 'US', 'A', ?, ?)",
				customerId, accountName, email, Timestamp.valueOf(modifiedAt), Timestamp.valueOf(modifiedAt));
	}

	/** Deletes a customer and its locations, as the Customers form's Delete does. */
	public void deleteCustomer(String customerId) {
		jdbc.update("DELETE FROM Location WHERE CompanyID = 2 AND CustomerID = ?", customerId);
		if (jdbc.update("DELETE FROM Customer WHERE CompanyID = 2 AND CustomerID = ?", customerId) != 1) {
			throw new IllegalArgumentException("no demo customer " + customerId);
		}
	}

	/** Puts back a customer row as {@code SELECT *} read it before it was deleted. */
	public void restoreCustomer(Map<String, Object> row) {
		new SimpleJdbcInsert(jdbc).withTableName("Customer").execute(row);
	}

	/** More COMMERCEBB customers with emails, so a run has several chunks to commit. */
	public void addCommerceCustomers(int count) {
		for (int i = 1; i <= count; i++) {
			String id = String.format("BULK%04d", i);
			jdbc.update(
					"INSERT INTO Customer (CompanyID, CustomerID, AcctName, CustomerClassID, Email, Phone1,"
							+ " PrimaryContactID, CountryID, Status, CreatedDateTime, LastModifiedDateTime)"
							+ " VALUES (2, ?, ?, 'COMMERCEBB', ?, NULL, NULL, 'US', 'A', ?, ?)",
					id, "Bulk Buyer " + i, id.toLowerCase() + "@bulk.example",
					Timestamp.valueOf(LocalDateTime.of(2026, 9, 1, 8, 0)),
					Timestamp.valueOf(LocalDateTime.of(2026, 10, 1, 8, 0).plusMinutes(i)));
		}
	}

	/** A customer's row, its columns looked up ignoring case; null when there is none. */
	public Map<String, Object> customer(String customerId) {
		List<Map<String, Object>> rows = jdbc
			.queryForList("SELECT * FROM Customer WHERE CompanyID = 2 AND CustomerID = ?", customerId);
		if (rows.isEmpty()) {
			return null;
		}
		Map<String, Object> row = new org.springframework.util.LinkedCaseInsensitiveMap<>();
		row.putAll(rows.get(0));
		return row;
	}

	/** The CustomerID of the customer with this email, or null. */
	public String customerIdOf(String email) {
		List<String> ids = jdbc.queryForList(
				"SELECT CustomerID FROM Customer WHERE CompanyID = 2 AND LOWER(Email) = LOWER(?)", String.class, email);
		if (ids.size() > 1) {
			throw new AssertionError(ids.size() + " ERP customers have email " + email + ": " + ids);
		}
		return ids.isEmpty() ? null : ids.get(0);
	}

	/**
	 * Every customer's LastModifiedDateTime, by CustomerID: it moves with every write, so
	 * equal snapshots mean nothing was written.
	 */
	public Map<String, Object> customerVersions() {
		Map<String, Object> versions = new java.util.TreeMap<>();
		jdbc.query("SELECT CustomerID, LastModifiedDateTime FROM Customer WHERE CompanyID = 2", rs -> {
			versions.put(rs.getString(1), rs.getTimestamp(2));
		});
		return versions;
	}

	public JdbcTemplate jdbc() {
		return jdbc;
	}

}
