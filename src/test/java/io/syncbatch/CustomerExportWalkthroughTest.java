package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Operation.CREATE;
import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Requests.every;
import static io.syncbatch.testsupport.StoreFixture.Requests.updating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import io.syncbatch.job.RunSummary;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * The seed walkthrough "Synchronizing Customers" (SweetLife exports its COMMERCEBB
 * customers to the BigCommerce store), run against a real sync database and ERP database
 * and a contract-checked store. It runs on the databases
 * {@link io.syncbatch.testsupport.TestDatabase} chooses.
 */
class CustomerExportWalkthroughTest extends BigCommerceScenario {

	@Test
	void exportsTheCommerceCustomersThatHaveAnEmail() throws Exception {
		RunSummary run = launch(Map.of());

		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(run.prepared()).as("first run prepares every customer").isEqualTo(8);
		assertThat(run.inserted()).isEqualTo(3);
		assertThat(run.filtered()).isEqualTo(4);
		assertThat(run.failed()).isEqualTo(1);

		Map<String, Map<String, Object>> inStore = storeCustomersByEmail();
		assertThat(inStore).containsOnlyKeys("info@fruitico.example", "orders@jamifique.example",
				"hello@marmalado.example");
		assertThat(inStore.get("info@fruitico.example"))
			.as("no primary contact name: the account name split into first word / rest")
			.containsEntry("first_name", "Fruitico")
			.containsEntry("last_name", "Coffee and Cakes")
			.containsEntry("phone", "+1 212 555 0148")
			.containsEntry("company", "Fruitico Coffee and Cakes");
		assertThat(inStore.get("orders@jamifique.example"))
			.as("the primary contact's name, but the account's email and phone")
			.containsEntry("first_name", "Colleen")
			.containsEntry("last_name", "Plunkett")
			.containsEntry("phone", "+1 646 555 0192");
		assertThat(inStore.get("hello@marmalado.example")).as("a one-word account name still gives a last name")
			.containsEntry("first_name", "Marmalado")
			.containsEntry("last_name", "Marmalado");
	}

	@Test
	void theSyncHistoryExplainsEveryRecord() throws Exception {
		Instant before = Instant.now().minusSeconds(1);
		launch(Map.of());
		Instant after = Instant.now().plusSeconds(1);

		Map<String, SyncRecord> history = history();
		Map<String, Map<String, Object>> inStore = storeCustomersByEmail();
		assertThat(history).hasSize(8);
		for (var exported : Map
			.of("FRUITICO", "info@fruitico.example", "JAMIFIQUE", "orders@jamifique.example", "MARMALADO",
					"hello@marmalado.example")
			.entrySet()) {
			SyncRecord record = history.get(exported.getKey());
			assertThat(record.status()).isEqualTo(SyncStatus.PROCESSED);
			assertThat(record.lastOperation()).isEqualTo(LastOperation.INSERTED_EXTERNALLY);
			assertThat(record.externalId()).isEqualTo(String.valueOf(inStore.get(exported.getValue()).get("id")));
			assertThat(record.lastAttemptAt()).isBetween(before, after);
			assertThat(record.lastError()).isNull();
		}
		assertThat(history.get("JAMIFIQUE").erpDescription()).isEqualTo("Jamifique factory");
		assertThat(history.get("ORCHARDCO").status()).isEqualTo(SyncStatus.FILTERED);
		assertThat(history.get("ORCHARDCO").lastError()).contains("Email IsNotEmpty");
		for (String otherClass : List.of("ABCSTUDIOS", "MAPLELEAF", "EC00003")) {
			assertThat(history.get(otherClass).status()).isEqualTo(SyncStatus.FILTERED);
			assertThat(history.get(otherClass).lastError()).contains("CustomerClassID Equals COMMERCEBB");
		}
		SyncRecord berryBar = history.get("BERRYBAR");
		assertThat(berryBar.status()).isEqualTo(SyncStatus.FAILED);
		assertThat(berryBar.externalId()).isNull();
		assertThat(berryBar.attempts()).isEqualTo(1);
		assertThat(berryBar.lastError()).contains("BERRYBAR", "email", "'sales at berrybar'",
				"not a valid email address");
	}

	@Test
	void aSecondRunPreparesNothingAndWritesNothingToTheStore() throws Exception {
		launch(Map.of());
		long writesAfterFirstRun = storeWrites();

		RunSummary second = launch(Map.of());
		assertThat(second.status()).isEqualTo("COMPLETED");
		assertThat(second.prepared()).isZero();
		assertThat(second.processed()).isZero();

		RunSummary full = launch(Map.of("mode", "full"));
		assertThat(full.read()).as("full mode reads every ERP row").isEqualTo(8);
		assertThat(full.prepared()).as("but prepares only changed ones").isZero();

		assertThat(storeWrites()).isEqualTo(writesAfterFirstRun);
		assertThat(store().customers()).hasSize(3);
	}

	@Test
	void anEditedCustomerIsUpdatedInTheStoreNotInsertedTwice() throws Exception {
		launch(Map.of());
		String jamifiqueId = history().get("JAMIFIQUE").externalId();
		store().forgetRequests();

		erp.editCustomer("JAMIFIQUE", "Phone1", "+1 646 555 0000", LocalDateTime.of(2026, 11, 2, 9, 30));
		RunSummary run = launch(Map.of());

		assertThat(run.prepared()).isEqualTo(1);
		assertThat(run.updated()).isEqualTo(1);
		assertThat(run.inserted()).isZero();
		assertThat(store().requests(every(CREATE))).isEmpty();
		assertThat(store().requests(updating(CUSTOMERS))).hasSize(1);
		assertThat(store().customers()).hasSize(3);
		assertThat(storeCustomersByEmail().get("orders@jamifique.example")).containsEntry("phone", "+1 646 555 0000")
			.containsEntry("id", Integer.valueOf(jamifiqueId));
		SyncRecord jamifique = history().get("JAMIFIQUE");
		assertThat(jamifique.lastOperation()).isEqualTo(LastOperation.UPDATED_EXTERNALLY);
		assertThat(jamifique.externalId()).isEqualTo(jamifiqueId);
	}

	@Test
	void customersAreSentOldestChangeFirstNotInErpIdOrder() throws Exception {
		// FRUITICO sorts first by id but is now the newest change: JAMIFIQUE (10:05) and
		// MARMALADO (10:10) go first.
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0148", LocalDateTime.of(2026, 10, 2, 10, 12));

		launch(Map.of());

		var create = store().requests(creating(CUSTOMERS)).get(0);
		assertThat(create.body()).containsSubsequence("orders@jamifique.example", "hello@marmalado.example",
				"info@fruitico.example");
	}

	@Test
	void aCustomerTheStoreAlreadyHasIsLinkedByEmailNotCreatedTwice() throws Exception {
		// As if a run had been killed after the store accepted JAMIFIQUE but before its
		// id was committed.
		String existingId = createInStore("orders@jamifique.example", "Colleen", "Plunkett");

		RunSummary run = launch(Map.of());

		assertThat(run.inserted()).isEqualTo(2);
		assertThat(run.updated()).isEqualTo(1);
		assertThat(store().customers()).hasSize(3);
		SyncRecord jamifique = history().get("JAMIFIQUE");
		assertThat(jamifique.externalId()).isEqualTo(existingId);
		assertThat(jamifique.lastOperation()).isEqualTo(LastOperation.UPDATED_EXTERNALLY);
	}

	@Test
	void theStoreRefusingOneCustomerDoesNotHoldBackTheOthers() throws Exception {
		// MARMALADO's email already belongs to another store customer: the store refuses
		// the update of it alone.
		launch(Map.of());
		createInStore("taken@marmalado.example", "Someone", "Else");
		erp.editCustomer("MARMALADO", "Email", "taken@marmalado.example", LocalDateTime.of(2026, 11, 2, 9, 0));
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0000", LocalDateTime.of(2026, 11, 2, 9, 1));

		RunSummary run = launch(Map.of());

		assertThat(run.updated()).isEqualTo(1);
		assertThat(run.failed()).as("MARMALADO, and BERRYBAR retried").isEqualTo(2);
		Map<String, SyncRecord> history = history();
		assertThat(history.get("FRUITICO").lastOperation()).isEqualTo(LastOperation.UPDATED_EXTERNALLY);
		assertThat(history.get("MARMALADO").status()).isEqualTo(SyncStatus.FAILED);
		assertThat(history.get("MARMALADO").lastError()).contains("the store refused it").contains("email");
		assertThat(storeCustomersByEmail().get("info@fruitico.example")).containsEntry("phone", "+1 212 555 0000");
	}

	@Test
	void prepareAloneMarksChangedRecordsPreparedAndSendsNothing() throws Exception {
		var prepare = prepareAlone();

		assertThat(prepare.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(prepare.read()).isEqualTo(8);
		assertThat(history().values()).extracting(SyncRecord::status).containsOnly(SyncStatus.PREPARED);
		assertThat(store().requests()).isEmpty();
	}

	@Test
	@Timeout(120)
	void incrementalPrepareReadsEveryRowChangedInOneInstantOnceAcrossPages() throws Exception {
		// More rows than a prepare page, all changed at one instant with a fraction of a
		// second: the page position must keep the fraction, which Connector/J would round
		// away as a MariaDB 10.x parameter.
		erp.addCommerceCustomers(2_500);
		erp.jdbc()
			.update("UPDATE Customer SET LastModifiedDateTime = '2026-11-20 10:00:00.123'"
					+ " WHERE CustomerID LIKE 'BULK%'");
		new JdbcTemplate(syncDataSource).update("INSERT INTO sync_watermark (store, entity, changed_since,"
				+ " job_execution_id, updated_at) VALUES (?, 'customer', '2026-11-01 00:00:00', 0,"
				+ " '2026-11-01 00:00:00')", storeName());
		Long changed = erp.jdbc()
			.queryForObject("SELECT COUNT(*) FROM Customer WHERE CompanyID = 2"
					+ " AND LastModifiedDateTime >= '2026-10-31 23:59:00'", Long.class);
		var prepare = prepareAlone();

		assertThat(prepare.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(changed).isGreaterThanOrEqualTo(2_500);
		assertThat(prepare.read()).as("each changed row read once").isEqualTo(changed);
		assertThat(history()).hasSize(changed.intValue());
	}

	@Test
	void badParametersAreRefusedBeforeAnythingIsWritten() {
		assertThatThrownBy(() -> launch(Map.of("modee", "full"))).hasMessageContaining("unknown parameter 'modee'");
		assertThatThrownBy(() -> launch(Map.of("mode", "sometimes"))).hasMessageContaining("parameter 'mode'")
			.hasMessageContaining("'sometimes'");
		assertThatThrownBy(() -> launch(Map.of("store", "nowhere"))).hasMessageContaining("parameter 'store'")
			.hasMessageContaining("'nowhere'");
		assertThatThrownBy(() -> launch(Map.of("companyId", "2 OR 1=1")))
			.hasMessageContaining("parameter 'companyId': '2 OR 1=1' is not a whole number");
		assertThatThrownBy(() -> jobs.launch("vendor-export", Map.of()))
			.hasMessageContaining("unknown job 'vendor-export'");

		assertThat(state.jobExecutionCount()).isZero();
		assertThat(history()).isEmpty();
	}

	@Test
	void aStoreOutageFailsTheRunAndItsRestartCatchesUpWithNothingLost() throws Exception {
		var outage = store().failAll(creating(CUSTOMERS), StoreFault.unavailable());

		JobExecution failed = jobs.launch("customer-export", Map.of());

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		// The reason names the request as BigCommerce, the store fixture's platform,
		// knows it.
		assertThat(failed.getExitStatus().getExitDescription()).as("the reason an operator reads")
			.contains("POST /v3/customers", "503");
		assertThat(store().customers()).isEmpty();
		assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.PREPARED);

		outage.remove();
		RunSummary restarted = RunSummary.of(jobs.restart(failed.getId()));

		assertThat(restarted.status()).isEqualTo("COMPLETED");
		assertThat(restarted.inserted()).isEqualTo(3);
		assertThat(store().customers()).hasSize(3);
		assertThat(history().values()).extracting(SyncRecord::status).doesNotContain(SyncStatus.PREPARED);
	}

}
