package io.syncbatch.testsupport;

import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The shared MariaDB test database outlives test runs: the first test context of a test
 * JVM starts from an empty schema, so that what is tested is exactly what the migrations
 * in db/migration build. Only the first: Spring keeps earlier contexts for later test
 * classes, and what they hold of the database (the ids of sync scopes) would name other
 * rows after a later context cleaned and rebuilt it, as a product's prepared rows once
 * landed in the shipments' scope. On the embedded databases, new in every context, it
 * only migrates, as Spring Boot does without it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CleanSchemaOnStart {

	/** Whether a context of this test JVM cleaned the shared schema already. */
	private static final AtomicBoolean CLEANED = new AtomicBoolean();

	@Bean
	FlywayMigrationStrategy cleanThenMigrate() {
		boolean clean = TestDatabase.current().cleanSchemaOnStart();
		return flyway -> {
			if (clean && CLEANED.compareAndSet(false, true)) {
				flyway.clean();
			}
			flyway.migrate();
		};
	}

}
