package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.updating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.RunSummary;

/**
 * What must never be silently wrong in the store: two ERP records are never merged into
 * one store record, a value cleared in the ERP is cleared in the store, and names reach
 * the store and the history without stray whitespace.
 */
class DataIntegrityScenariosTest extends SyncScenario {

	private static final LocalDateTime LATER = LocalDateTime.of(2026, 11, 3, 8, 0);

	@Test
	void twoErpCustomersWithOneEmailInOneRunAreNotMergedIntoOneStoreCustomer() throws Exception {
		// Same mailbox as FRUITICO, typed in other letter case: the store compares emails
		// ignoring case.
		erp.addCustomer("FRUITCOPY", "Fruit Copy Ltd", "INFO@Fruitico.example", LATER);

		RunSummary run = launch(Map.of());

		SyncRecord first = history().get("FRUITICO");
		SyncRecord copy = history().get("FRUITCOPY");
		assertThat(first.status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(copy.status()).isEqualTo(SyncStatus.FAILED);
		assertThat(copy.externalId()).as("not bound to FRUITICO's store customer").isNull();
		assertThat(copy.lastError()).contains("FRUITICO", first.externalId());
		assertThat(run.failed()).as("BERRYBAR's bad email and the copy").isEqualTo(2);
		assertThat(storeCustomersByEmail().get("info@fruitico.example")).as("FRUITICO's data, not the copy's")
			.containsEntry("company", "Fruitico Coffee and Cakes");
	}

	@Test
	void aSecondErpCustomerWithASyncedCustomersEmailFailsNamingTheRecordItWouldMergeWith() throws Exception {
		launch(Map.of());
		String fruitico = history().get("FRUITICO").externalId();
		erp.addCustomer("FRUITCOPY", "Fruit Copy Ltd", "Info@FRUITICO.example", LATER);

		RunSummary run = launch(Map.of());

		SyncRecord copy = history().get("FRUITCOPY");
		assertThat(copy.status()).isEqualTo(SyncStatus.FAILED);
		assertThat(copy.externalId()).isNull();
		assertThat(copy.lastError()).contains("FRUITICO", fruitico);
		assertThat(run.updated()).as("FRUITICO's store customer is left alone").isZero();
		assertThat(store().requests(updating(CUSTOMERS))).isEmpty();
		assertThat(store().customers()).hasSize(3);
		assertThat(history().get("FRUITICO").externalId()).isEqualTo(fruitico);
	}

	@Test
	void aPhoneClearedInTheErpIsClearedInTheStore() throws Exception {
		launch(Map.of());
		assertThat(storeCustomersByEmail().get("info@fruitico.example")).containsEntry("phone", "+1 212 555 0148");

		erp.editCustomer("FRUITICO", "Phone1", null, LATER);
		RunSummary run = launch(Map.of());

		assertThat(run.updated()).isEqualTo(1);
		assertThat(storeCustomersByEmail().get("info@fruitico.example")).as("the store's form of no phone")
			.containsEntry("phone", "");
		assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.PROCESSED);
	}

	@Test
	void namesAndDescriptionsLoseTheirStrayWhitespace() throws Exception {
		erp.addCustomer("PADDED", "  Padded   Name \t Ltd  ", "orders@padded.example", LATER);

		launch(Map.of());

		assertThat(storeCustomersByEmail().get("orders@padded.example")).containsEntry("first_name", "Padded")
			.containsEntry("last_name", "Name Ltd")
			.containsEntry("company", "Padded Name Ltd");
		assertThat(history().get("PADDED").erpDescription()).isEqualTo("Padded Name Ltd");
	}

}
