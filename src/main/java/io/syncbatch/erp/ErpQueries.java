package io.syncbatch.erp;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import io.syncbatch.config.ConnectionFailure;
import io.syncbatch.config.DatabaseAddress;

/**
 * Every query the engine sends to the ERP. A failure to reach the ERP becomes an
 * {@link ErpUnreachableException} naming it, so that a run's reason says which database
 * was gone rather than the driver's words about some connection.
 */
final class ErpQueries {

	private final NamedParameterJdbcTemplate jdbc;

	private final DatabaseAddress address;

	ErpQueries(DataSource erp) {
		this.jdbc = new NamedParameterJdbcTemplate(erp);
		this.address = DatabaseAddress.of(erp);
	}

	<T> List<T> query(String sql, Map<String, ?> values, RowMapper<T> mapper) {
		return query(sql, new MapSqlParameterSource(values), mapper);
	}

	<T> List<T> query(String sql, SqlParameterSource values, RowMapper<T> mapper) {
		try {
			return jdbc.query(sql, values, mapper);
		}
		catch (DataAccessException e) {
			throw translated(e);
		}
	}

	<T> T query(String sql, SqlParameterSource values, ResultSetExtractor<T> extractor) {
		try {
			T result = jdbc.query(sql, values, extractor);
			if (result == null) {
				throw new IllegalStateException("no result from the ERP for " + sql);
			}
			return result;
		}
		catch (DataAccessException e) {
			throw translated(e);
		}
	}

	private RuntimeException translated(DataAccessException e) {
		return ConnectionFailure.in(e).isPresent() ? new ErpUnreachableException(address, e) : e;
	}

}
