package io.syncbatch.testsupport;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The two places the engine runs in tests, as Spring test properties; the store's are {@link StoreFixture#pointStoreAt}'s. */
public final class TestBackends {

    private TestBackends() {
    }

    /** The embedded default's databases: H2 in MySQL mode, fresh per test context. */
    public static void embeddedDatabases(DynamicPropertyRegistry registry) {
        String name = UUID.randomUUID().toString();
        registry.add("syncbatch.erp.datasource.url", () -> "jdbc:h2:mem:erp-" + name
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sync-" + name + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
    }

    /** The real MariaDB server through Connector/J, ERP tables and sync database in its test database. */
    public static void mariaDbDatabases(DynamicPropertyRegistry registry) {
        String url = MariaDbCondition.jdbcUrl();
        registry.add("syncbatch.erp.datasource.url", () -> url);
        registry.add("syncbatch.erp.datasource.username", () -> "");
        registry.add("syncbatch.erp.datasource.password", () -> "");
        registry.add("spring.datasource.url", () -> url + "&rewriteBatchedStatements=true");
        registry.add("spring.datasource.username", () -> "");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.clean-disabled", () -> "false");
    }
}
