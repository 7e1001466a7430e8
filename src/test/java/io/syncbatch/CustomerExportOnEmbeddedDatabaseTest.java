package io.syncbatch;

import java.util.UUID;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.testsupport.ContractValidatedStore;

/** The walkthrough on the embedded default: H2 in MySQL mode for both the ERP and the sync database. */
@ActiveProfiles("embedded")
class CustomerExportOnEmbeddedDatabaseTest extends CustomerExportWalkthrough {

    @RegisterExtension
    static final ContractValidatedStore STORE = ContractValidatedStore.start();

    @DynamicPropertySource
    static void databasesAndStore(DynamicPropertyRegistry registry) {
        String name = UUID.randomUUID().toString();
        registry.add("syncbatch.erp.datasource.url", () -> "jdbc:h2:mem:erp-" + name
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sync-" + name + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
        pointStoreAt(STORE, "sandbox", registry);
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
