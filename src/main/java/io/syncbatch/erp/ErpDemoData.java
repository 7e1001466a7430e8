package io.syncbatch.erp;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ResourceLoader;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Gives the embedded default an ERP to read: the demo company of {@code sql/}, loaded
 * once into an empty database. Never enabled against a real ERP.
 */
@Component
@ConditionalOnBooleanProperty("syncbatch.erp.demo-data")
public class ErpDemoData {

	private static final Logger log = LoggerFactory.getLogger(ErpDemoData.class);

	public ErpDemoData(@Qualifier("erpDataSource") DataSource erp, ResourceLoader resources) {
		if (isEmpty(erp)) {
			log.info("Loading the demo ERP company from sql/ into the empty embedded ERP database");
			load(erp, resources);
		}
	}

	private static void load(DataSource erp, ResourceLoader resources) {
		// The pool is read-only for the engine; loading the demo needs a plain
		// connection.
		ResourceDatabasePopulator populator = new ResourceDatabasePopulator(
				resources.getResource("classpath:sql/erp-schema.sql"),
				resources.getResource("classpath:sql/erp-demo-data.sql"));
		try (var connection = erp.getConnection()) {
			connection.setReadOnly(false);
			populator.populate(connection);
			connection.setReadOnly(true);
		}
		catch (SQLException e) {
			throw new IllegalStateException("cannot load the demo ERP data", e);
		}
	}

	private static boolean isEmpty(DataSource erp) {
		try {
			new JdbcTemplate(erp).queryForObject("SELECT COUNT(*) FROM Customer", Integer.class);
			return false;
		}
		catch (DataAccessException noCustomerTable) {
			return true;
		}
	}

}
