package io.syncbatch.testsupport;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The two places the engine runs in tests, and the store it talks to, as Spring test properties. */
public final class TestBackends {

    private TestBackends() {
    }

    /** The named store is the contract-checked stand-in, with quick retries and a short timeout. */
    public static void pointStoreAt(ContractValidatedStore store, String storeName,
            DynamicPropertyRegistry registry) {
        String prefix = "syncbatch.stores." + storeName + ".";
        registry.add(prefix + "platform", () -> "bigcommerce");
        registry.add(prefix + "sandbox", () -> "false");
        registry.add(prefix + "api-url", () -> store.wireMock().baseUrl());
        registry.add(prefix + "store-hash", store::storeHash);
        registry.add(prefix + "access-token", store::accessToken);
        registry.add("syncbatch.retry.initial-delay-ms", () -> "1");
        registry.add("syncbatch.retry.max-delay-ms", () -> "5");
        // Short enough for the timeout scenarios, long enough for a loaded CI machine.
        registry.add(prefix + "timeout", () -> "2s");
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
