package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.updating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.syncbatch.definition.PrimarySystem;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.history.ConflictLog;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.RunSummary;

/**
 * Seed 004's "Primary System: External System": when the ERP and the store both changed a
 * customer since the last sync, the store's version wins and is written to the ERP,
 * whichever job finds the conflict, and the ERP's values it replaced are kept in the
 * history. Given FRUITICO exported to the store, an ERP user and a store user then change
 * its phone.
 */
class BidirectionalConflictScenariosTest extends BigCommerceScenario {

	static final String ERP_PHONE = "+1 212 555 0100";

	static final String STORE_PHONE = "+1 212 555 0199";

	@Autowired
	ConflictLog conflicts;

	String fruitico;

	@BeforeEach
	void givenFruiticoChangedOnBothSides() throws Exception {
		launch(Map.of());
		fruitico = history().get("FRUITICO").externalId();
		erp.editCustomer("FRUITICO", "Phone1", ERP_PHONE, LocalDateTime.of(2026, 11, 3, 8, 0));
		store().editCustomer(fruitico, Map.of("phone", STORE_PHONE));
		store().forgetRequests();
	}

	@Test
	void theImportWritesTheStoresVersionToTheErpAndKeepsTheErpsReplacedValues() throws Exception {
		RunSummary imported = RunSummary.of(jobs.launch("customer-import", Map.of()));

		assertThat(imported.conflicts()).isEqualTo(1);
		assertThat(imported.updated()).isEqualTo(1);
		assertThat(erp.customer("FRUITICO")).containsEntry("Phone1", STORE_PHONE);
		thenTheHistoryKeepsTheErpsPhone();

		RunSummary exported = launch(Map.of());
		assertThat(exported.processed()).as("the ERP now holds the store's version").isZero();
		assertThat(store().requests(updating(CUSTOMERS))).isEmpty();
		assertThat(storeCustomersByEmail().get("info@fruitico.example")).containsEntry("phone", STORE_PHONE);
	}

	@Test
	void theExportFindsTheConflictTooAndWritesTheStoresVersionToTheErpInsteadOfSendingItsOwn() throws Exception {
		RunSummary exported = launch(Map.of());

		assertThat(exported.conflicts()).isEqualTo(1);
		assertThat(store().requests(updating(CUSTOMERS))).as("the ERP's phone is not sent").isEmpty();
		assertThat(storeCustomersByEmail().get("info@fruitico.example")).containsEntry("phone", STORE_PHONE);
		assertThat(erp.customer("FRUITICO")).containsEntry("Phone1", STORE_PHONE);
		thenTheHistoryKeepsTheErpsPhone();

		RunSummary imported = RunSummary.of(jobs.launch("customer-import", Map.of()));
		assertThat(imported.processed()).as("the store's change is in the ERP already").isZero();
		assertThat(imported.conflicts()).isZero();
		assertThat(conflicts.of(storeName(), "customer", 10)).hasSize(1);
	}

	private void thenTheHistoryKeepsTheErpsPhone() {
		SyncRecord record = history().get("FRUITICO");
		assertThat(record.status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(record.lastOperation()).isEqualTo(LastOperation.UPDATED_LOCALLY);
		assertThat(record.lastDirection()).isEqualTo(SyncDirection.IMPORT);
		assertThat(record.lastError()).isEqualTo("conflict: the ERP and the store both changed this customer since"
				+ " the last sync; the store (primary) won; the ERP's values it replaced: Phone1 '" + ERP_PHONE
				+ "' → '" + STORE_PHONE + "'");
		List<ConflictLog.Entry> kept = conflicts.of(storeName(), "customer", 10);
		assertThat(kept).singleElement().satisfies(conflict -> {
			assertThat(conflict.erpId()).isEqualTo("FRUITICO");
			assertThat(conflict.externalId()).isEqualTo(fruitico);
			assertThat(conflict.winner()).isEqualTo(PrimarySystem.STORE);
			assertThat(conflict.replaced()).isEqualTo("Phone1 '" + ERP_PHONE + "' → '" + STORE_PHONE + "'");
		});
	}

}
