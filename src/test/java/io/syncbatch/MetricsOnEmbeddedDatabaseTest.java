package io.syncbatch;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.testsupport.BigCommerceStoreFixture;
import io.syncbatch.testsupport.ContractValidatedStore;
import io.syncbatch.testsupport.TestBackends;

/** {@link MetricsScenarios} on the embedded default: H2 in MySQL mode for both the ERP and the sync database. */
@ActiveProfiles("embedded")
class MetricsOnEmbeddedDatabaseTest extends MetricsScenarios {

    @RegisterExtension
    static final ContractValidatedStore STORE = ContractValidatedStore.start();

    @DynamicPropertySource
    static void databasesAndStore(DynamicPropertyRegistry registry) {
        TestBackends.embeddedDatabases(registry);
        new BigCommerceStoreFixture(STORE).pointStoreAt("sandbox", registry);
    }

    @Override
    ContractValidatedStore store() {
        return STORE;
    }

    @Override
    String storeName() {
        return "sandbox";
    }
}
