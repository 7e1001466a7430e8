package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Operation.DELETE;
import static io.syncbatch.testsupport.StoreFixture.Requests.every;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.RunSummary;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * The shipped customer definition with {@code target.on-delete: delete}: a customer
 * deleted in the ERP is deleted from the store by the next full run, once, also when the
 * store's answer was lost; if it comes back in the ERP it is created again.
 */
class DeletionPolicyScenariosTest extends BigCommerceScenario {

	@DynamicPropertySource
	static void customersDeletedWithTheirErpRecord(DynamicPropertyRegistry registry) {
		try {
			Path jobs = Files.createDirectories(Path.of("target", "deletion-policy-jobs"));
			String customer = Files.readString(Path.of("jobs", "customer.yml"));
			String edited = customer.replace("\ntarget:\n  resource: customers",
					"\ntarget:\n  on-delete: delete\n  resource: customers");
			if (edited.equals(customer)) {
				throw new IllegalStateException("jobs/customer.yml has no target.resource: customers to edit");
			}
			Files.writeString(jobs.resolve("customer.yml"), edited);
			registry.add("syncbatch.definitions", () -> "file:" + jobs.toAbsolutePath() + "/*.yml");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void aCustomerDeletedInTheErpIsDeletedFromTheStoreOnce() throws Exception {
		launch(Map.of());
		String fruitico = history().get("FRUITICO").externalId();
		erp.deleteCustomer("FRUITICO");

		RunSummary full = launch(Map.of("mode", "full"));

		assertThat(full.deleted()).isEqualTo(1);
		SyncRecord deleted = history().get("FRUITICO");
		assertThat(deleted.status()).isEqualTo(SyncStatus.DELETED);
		assertThat(deleted.lastOperation()).isEqualTo(LastOperation.DELETED_EXTERNALLY);
		assertThat(deleted.lastError()).contains("customers " + fruitico + " was deleted (target.on-delete: delete)");
		assertThat(deleted.externalId()).as("bound to nothing in the store any more").isNull();
		assertThat(storeCustomersByEmail()).doesNotContainKey("info@fruitico.example").hasSize(2);
		assertThat(store().requests(every(DELETE))).hasSize(1);

		launch(Map.of("mode", "full"));
		assertThat(store().requests(every(DELETE))).as("deleted once").hasSize(1);
	}

	@Test
	void aDeleteWhoseAnswerWasLostIsSentAgainAndDeletesNothingElse() throws Exception {
		launch(Map.of());
		erp.deleteCustomer("FRUITICO");
		store().failFirst(every(DELETE), StoreFault.unavailable());

		RunSummary full = launch(Map.of("mode", "full"));

		assertThat(full.status()).isEqualTo("COMPLETED");
		assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.DELETED);
		assertThat(store().requests(every(DELETE))).as("the first answered 503, the retry went through").hasSize(2);
		assertThat(store().customers()).hasSize(2);
	}

	@Test
	void aDeletedCustomerThatComesBackInTheErpIsCreatedAgain() throws Exception {
		launch(Map.of());
		var row = erp.jdbc().queryForMap("SELECT * FROM Customer WHERE CompanyID = 2 AND CustomerID = 'FRUITICO'");
		erp.deleteCustomer("FRUITICO");
		launch(Map.of("mode", "full"));

		erp.restoreCustomer(row);
		RunSummary full = launch(Map.of("mode", "full"));

		assertThat(full.inserted()).isEqualTo(1);
		assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(storeCustomersByEmail()).containsKey("info@fruitico.example").hasSize(3);
	}

}
