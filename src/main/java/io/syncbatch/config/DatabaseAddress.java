package io.syncbatch.config;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Where a database is, as messages name it: host, port and database from its JDBC URL,
 * without credentials or settings ({@code 127.0.0.1:3306/erp},
 * {@code h2:file:./data/sync}).
 *
 * @param value the address
 */
public record DatabaseAddress(String value) {

	public static DatabaseAddress of(DataSource dataSource) {
		if (dataSource instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
			return of(pool.getJdbcUrl());
		}
		return new DatabaseAddress("(address unknown)");
	}

	static DatabaseAddress of(String jdbcUrl) {
		String address = jdbcUrl.startsWith("jdbc:") ? jdbcUrl.substring("jdbc:".length()) : jdbcUrl;
		// Settings follow a '?' (MySQL) or a ';' (H2); a password may be among them.
		address = address.split("[?;]", 2)[0];
		// user:password@ before the host.
		address = address.replaceFirst("//[^/]*@", "//");
		return new DatabaseAddress(address.replaceFirst("^[a-z]+://", ""));
	}

	@Override
	public String toString() {
		return value;
	}

}
