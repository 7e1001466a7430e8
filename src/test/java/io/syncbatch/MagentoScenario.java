package io.syncbatch;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.testsupport.MagentoStoreFixture;
import io.syncbatch.testsupport.StoreFixture;
import io.syncbatch.testsupport.TestDatabase;

/**
 * Scenarios against a Magento store. One store for every suite of the JVM, emptied after
 * each test once its requests are contract-checked.
 */
abstract class MagentoScenario extends SyncScenario {

	@RegisterExtension
	static final MagentoStoreFixture STORE = MagentoStoreFixture.shared();

	@DynamicPropertySource
	static void pointTheStoreAtTheFixture(DynamicPropertyRegistry registry) {
		STORE.pointStoreAt(TestDatabase.current().storeName(), registry);
	}

	@Override
	MagentoStoreFixture store() {
		return STORE;
	}

}
