package io.syncbatch.testsupport;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The shared MariaDB test database outlives test runs: start each test context from an
 * empty schema so that what is tested is exactly what the migrations in db/migration
 * build. On the embedded databases, new in every context, it only migrates, as Spring
 * Boot does without it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CleanSchemaOnStart {

	@Bean
	FlywayMigrationStrategy cleanThenMigrate() {
		boolean clean = TestDatabase.current().cleanSchemaOnStart();
		return flyway -> {
			if (clean) {
				flyway.clean();
			}
			flyway.migrate();
		};
	}

}
