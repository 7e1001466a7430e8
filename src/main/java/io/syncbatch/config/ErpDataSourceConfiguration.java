package io.syncbatch.config;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The ERP is a second database beside the sync database ({@code spring.datasource}, which
 * holds the job repository and the sync history). Its beans are not default candidates,
 * so Boot still auto-configures the sync database and everything injected by type gets
 * that one.
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
		// Exports only read the ERP: let the driver and server know. Imports write
		// through
		// a pool of their own.
		dataSource.setReadOnly(true);
		return dataSource;
	}

	/**
	 * The connection imports write the ERP through: the same database and account, unless
	 * {@code syncbatch.erp.write-datasource.*} names another (an account allowed to
	 * write). A pool opens its connections on first use, so runs that only export never
	 * connect it.
	 */
	@Bean(defaultCandidate = false)
	@Qualifier("erpWriteDataSource")
	@ConfigurationProperties("syncbatch.erp.write-datasource.hikari")
	HikariDataSource erpWriteDataSource(@Qualifier("erpDataSource") DataSourceProperties read,
			Environment environment) {
		Binder binder = Binder.get(environment);
		String prefix = "syncbatch.erp.write-datasource.";
		HikariDataSource dataSource = DataSourceBuilder.create()
			.type(HikariDataSource.class)
			.driverClassName(read.determineDriverClassName())
			.url(binder.bind(prefix + "url", String.class).orElse(read.determineUrl()))
			.username(binder.bind(prefix + "username", String.class).orElse(read.determineUsername()))
			.password(binder.bind(prefix + "password", String.class).orElse(read.determinePassword()))
			.build();
		dataSource.setPoolName("erp-write");
		// An import writes one record per ERP transaction, from one chunk at a time.
		dataSource.setMaximumPoolSize(2);
		return dataSource;
	}

}
