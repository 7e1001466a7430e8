package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.to;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.RunSummary;

/**
 * Given the walkthrough synced, when a customer is deleted in the ERP: a full run, or a
 * Process of its id, records it DELETED with the reason, and the store's customer is kept
 * (the default {@code target.on-delete: keep}); an incremental run cannot see a deletion
 * and leaves it alone. {@link DeletionPolicyScenariosTest} deletes it from the store
 * instead.
 */
class DeletionScenariosTest extends BigCommerceScenario {

	@Test
	void aFullRunRecordsACustomerDeletedInTheErpAndKeepsTheStoresCustomer() throws Exception {
		launch(Map.of());
		String fruitico = history().get("FRUITICO").externalId();
		erp.deleteCustomer("FRUITICO");

		RunSummary incremental = launch(Map.of());
		assertThat(incremental.deleted()).as("an incremental run reads only what changed").isZero();
		assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.PROCESSED);

		long requestsBefore = store().requests(to(CUSTOMERS)).size();
		RunSummary full = launch(Map.of("mode", "full"));

		assertThat(full.status()).isEqualTo("COMPLETED");
		assertThat(full.deleted()).isEqualTo(1);
		assertThat(full.prepared()).as("the deletion waits like a change").isEqualTo(1);
		SyncRecord deleted = history().get("FRUITICO");
		assertThat(deleted.status()).isEqualTo(SyncStatus.DELETED);
		assertThat(deleted.lastError()).contains("no longer selected by the ERP query", "customers " + fruitico,
				"is kept (target.on-delete: keep)");
		assertThat(deleted.externalId()).as("still bound to the store's customer it kept").isEqualTo(fruitico);
		assertThat(storeCustomersByEmail()).containsKey("info@fruitico.example");
		assertThat(store().requests(to(CUSTOMERS))).as("keeping sends nothing").hasSize((int) requestsBefore);
		assertThat(history().get("JAMIFIQUE").status()).as("the others are still selected")
			.isEqualTo(SyncStatus.PROCESSED);

		RunSummary again = launch(Map.of("mode", "full"));
		assertThat(again.deleted()).as("a deletion is recorded once").isZero();
		assertThat(again.prepared()).isZero();
	}

	@Test
	void processOfADeletedIdRecordsItDeleted() throws Exception {
		launch(Map.of());
		erp.deleteCustomer("JAMIFIQUE");

		RunSummary run = launch(Map.of("ids", "JAMIFIQUE"));

		assertThat(run.deleted()).isEqualTo(1);
		assertThat(history().get("JAMIFIQUE").status()).isEqualTo(SyncStatus.DELETED);
		assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.PROCESSED);
	}

	@Test
	void aCustomerNeverInTheStoreIsRecordedDeletedWithoutARequest() throws Exception {
		launch(Map.of());
		assertThat(history().get("BERRYBAR").status()).isEqualTo(SyncStatus.FAILED);
		long requestsBefore = store().requests(to(CUSTOMERS)).size();
		erp.deleteCustomer("BERRYBAR");

		RunSummary full = launch(Map.of("mode", "full"));

		assertThat(full.deleted()).isEqualTo(1);
		assertThat(history().get("BERRYBAR").status()).isEqualTo(SyncStatus.DELETED);
		assertThat(history().get("BERRYBAR").lastError()).contains("never in the store");
		assertThat(store().requests(to(CUSTOMERS))).hasSize((int) requestsBefore);
	}

	@Test
	void aKeptCustomerThatComesBackInTheErpIsUpdatedNotCreatedAgain() throws Exception {
		launch(Map.of());
		String fruitico = history().get("FRUITICO").externalId();
		var row = erp.jdbc().queryForMap("SELECT * FROM Customer WHERE CompanyID = 2 AND CustomerID = 'FRUITICO'");
		erp.deleteCustomer("FRUITICO");
		launch(Map.of("mode", "full"));
		assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.DELETED);

		erp.restoreCustomer(row);
		RunSummary full = launch(Map.of("mode", "full"));

		assertThat(full.updated()).isEqualTo(1);
		assertThat(full.inserted()).isZero();
		SyncRecord back = history().get("FRUITICO");
		assertThat(back.status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(back.externalId()).isEqualTo(fruitico);
		assertThat(back.lastOperation()).isEqualTo(LastOperation.UPDATED_EXTERNALLY);
		assertThat(store().customers()).hasSize(3);
	}

}
