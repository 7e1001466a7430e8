package io.syncbatch.config;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The ERP is a second, read-mostly database beside the sync database
 * ({@code spring.datasource}, which holds the job repository and the sync history). Its
 * beans are not default candidates, so Boot still auto-configures the sync database and
 * everything injected by type gets that one.
 */
@Configuration(proxyBeanMethods = false)
class ErpDataSourceConfiguration {

	@Bean(defaultCandidate = false)
	@Qualifier("erpDataSource")
	@ConfigurationProperties("syncbatch.erp.datasource")
	DataSourceProperties erpDataSourceProperties() {
		return new DataSourceProperties();
	}

	@Bean(defaultCandidate = false)
	@Qualifier("erpDataSource")
	@ConfigurationProperties("syncbatch.erp.datasource.hikari")
	HikariDataSource erpDataSource(@Qualifier("erpDataSource") DataSourceProperties properties) {
		HikariDataSource dataSource = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		dataSource.setPoolName("erp");
		// The ERP is read here, never written (exports only): let the driver and server
		// know.
		dataSource.setReadOnly(true);
		return dataSource;
	}

}
