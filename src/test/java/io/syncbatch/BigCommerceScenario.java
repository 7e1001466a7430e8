package io.syncbatch;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.testsupport.BigCommerceStoreFixture;
import io.syncbatch.testsupport.StoreFixture;
import io.syncbatch.testsupport.TestDatabase;

/**
 * Scenarios against a BigCommerce store. One store for every suite of the JVM, emptied
 * after each test once its requests are contract-checked.
 */
abstract class BigCommerceScenario extends SyncScenario {

	@RegisterExtension
	static final StoreFixture STORE = BigCommerceStoreFixture.shared();

	@DynamicPropertySource
	static void pointTheStoreAtTheFixture(DynamicPropertyRegistry registry) {
		STORE.pointStoreAt(TestDatabase.current().storeName(), registry);
	}

	@Override
	StoreFixture store() {
		return STORE;
	}

}
