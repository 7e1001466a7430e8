package io.syncbatch;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.testsupport.CleanSchemaOnStart;
import io.syncbatch.testsupport.BigCommerceStoreFixture;
import io.syncbatch.testsupport.ContractValidatedStore;
import io.syncbatch.testsupport.TestBackends;
import io.syncbatch.testsupport.MariaDbSuite;

/**
 * {@link PartitionedProcessScenarios} on the real MariaDB server with the production profile: the ERP tables and the sync database
 * (job repository included) live in its test database.
 */
@MariaDbSuite
@ActiveProfiles("mysql")
@Import(CleanSchemaOnStart.class)
class PartitionedProcessOnMariaDbTest extends PartitionedProcessScenarios {

    @RegisterExtension
    static final ContractValidatedStore STORE = ContractValidatedStore.start();

    @DynamicPropertySource
    static void databasesAndStore(DynamicPropertyRegistry registry) {
        TestBackends.mariaDbDatabases(registry);
        new BigCommerceStoreFixture(STORE).pointStoreAt("main", registry);
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
