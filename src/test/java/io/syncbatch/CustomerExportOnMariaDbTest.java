package io.syncbatch;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.testsupport.CleanSchemaOnStart;
import io.syncbatch.testsupport.ContractValidatedStore;
import io.syncbatch.testsupport.MariaDbCondition;
import io.syncbatch.testsupport.MariaDbSuite;

/**
 * The walkthrough on the real MariaDB server through Connector/J, with the production profile: the ERP tables
 * and the sync database (job repository included) live in the test database.
 */
@MariaDbSuite
@ActiveProfiles("mysql")
@Import(CleanSchemaOnStart.class)
class CustomerExportOnMariaDbTest extends CustomerExportWalkthrough {

    @RegisterExtension
    static final ContractValidatedStore STORE = ContractValidatedStore.start();

    @DynamicPropertySource
    static void databasesAndStore(DynamicPropertyRegistry registry) {
        String url = MariaDbCondition.jdbcUrl();
        registry.add("syncbatch.erp.datasource.url", () -> url);
        registry.add("syncbatch.erp.datasource.username", () -> "");
        registry.add("syncbatch.erp.datasource.password", () -> "");
        registry.add("spring.datasource.url", () -> url + "&rewriteBatchedStatements=true");
        registry.add("spring.datasource.username", () -> "");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.clean-disabled", () -> "false");
        pointStoreAt(STORE, "main", registry);
    }

    @Override
    ContractValidatedStore store() {
        return STORE;
    }

    @Override
    String storeName() {
        return "main";
    }
}
