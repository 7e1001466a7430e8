package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.reading;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.syncbatch.definition.SyncDirection;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.RunSummary;
import io.syncbatch.ops.BatchProcesses;
import io.syncbatch.ops.SyncRefresh;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * Seed 004's other half: "new customers that place orders in the BigCommerce store should
 * be imported". Given the demo company and customers who signed up in the store itself,
 * when customer-import runs, then each is an ERP customer of class ECCUSTOMER with the
 * next number of numbering sequence ECCUSTOMER (whose last number, EC00003, the demo's
 * Web Shopper has), and the sync history binds the two.
 */
class CustomerImportScenariosTest extends BigCommerceScenario {

	@Autowired
	BatchProcesses batch;

	@Autowired
	SyncRefresh refresh;

	@Test
	void customersWhoSignedUpInTheStoreBecomeErpCustomersOfClassEccustomerWithTheNextNumbers() throws Exception {
		String gina = shopper("gina.baker@sunnyside.example", "Gina", "Baker", "Sunny Side Bakery", "+1 555 0142");
		String liam = shopper("liam.chen@mail.example", "Liam", "Chen", "", "");

		RunSummary run = importCustomers();

		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(run.read()).isEqualTo(2);
		assertThat(run.inserted()).isEqualTo(2);
		String ginaInErp = erp.customerIdOf("gina.baker@sunnyside.example");
		String liamInErp = erp.customerIdOf("liam.chen@mail.example");
		assertThat(List.of(ginaInErp, liamInErp)).containsExactlyInAnyOrder("EC00004", "EC00005");
		assertThat(erp.customer(ginaInErp)).as("the company names the account")
			.containsEntry("AcctName", "Sunny Side Bakery")
			.containsEntry("Phone1", "+1 555 0142")
			.containsEntry("CustomerClassID", "ECCUSTOMER")
			.containsEntry("Status", "A");
		assertThat(erp.customer(liamInErp)).as("without a company, the customer's own name does")
			.containsEntry("AcctName", "Liam Chen")
			.containsEntry("Phone1", null);
		SyncRecord imported = byStoreId().get(gina);
		assertThat(imported.erpId()).isEqualTo(ginaInErp);
		assertThat(imported.status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(imported.lastOperation()).isEqualTo(LastOperation.INSERTED_LOCALLY);
		assertThat(imported.lastDirection()).isEqualTo(SyncDirection.IMPORT);
		assertThat(imported.erpDescription()).isEqualTo("Sunny Side Bakery");
		assertThat(byStoreId().get(liam).erpId()).isEqualTo(liamInErp);
		assertThat(store().requests(reading(CUSTOMERS))).as("reads, contract-checked like every request").isNotEmpty();
	}

	@Test
	void anImportRunAgainFindsNothingChangedAndWritesNothing() throws Exception {
		shopper("gina.baker@sunnyside.example", "Gina", "Baker", "Sunny Side Bakery", "+1 555 0142");
		importCustomers();
		Map<String, Object> versions = erp.customerVersions();

		RunSummary again = importCustomers();
		RunSummary full = RunSummary.of(jobs.launch("customer-import", Map.of("mode", "full")));

		assertThat(again.prepared()).isZero();
		assertThat(full.prepared()).isZero();
		assertThat(erp.customerVersions()).as("no ERP row written").isEqualTo(versions);
	}

	@Test
	void aStoreEditUpdatesTheErpCustomerItMadeAndAPhoneClearedInTheStoreIsClearedInTheErp() throws Exception {
		String gina = shopper("gina.baker@sunnyside.example", "Gina", "Baker", "Sunny Side Bakery", "+1 555 0142");
		importCustomers();
		String inErp = erp.customerIdOf("gina.baker@sunnyside.example");

		store().editCustomer(gina, Map.of("phone", "", "company", "Sunny Side Bakery & Cafe"));
		RunSummary edited = importCustomers();

		assertThat(edited.updated()).isEqualTo(1);
		assertThat(edited.inserted()).isZero();
		assertThat(erp.customer(inErp)).containsEntry("AcctName", "Sunny Side Bakery & Cafe")
			.containsEntry("Phone1", null);
		assertThat(byStoreId().get(gina).lastOperation()).isEqualTo(LastOperation.UPDATED_LOCALLY);
	}

	@Test
	void aStoreCustomerTheErpWouldRefuseIsFailedNamingTheFieldAndHoldsNothingBack() throws Exception {
		// The store takes an address without a dot in its domain; the ERP's email rule
		// does not.
		String kim = shopper("kim@localhost", "Kim", "Lee", "", "");
		String gina = shopper("gina.baker@sunnyside.example", "Gina", "Baker", "Sunny Side Bakery", "");

		RunSummary run = importCustomers();

		assertThat(run.failed()).isEqualTo(1);
		assertThat(run.inserted()).isEqualTo(1);
		SyncRecord refused = byStoreId().get(kim);
		assertThat(refused.status()).isEqualTo(SyncStatus.FAILED);
		assertThat(refused.erpId()).isNull();
		assertThat(refused.lastError()).isEqualTo("customer " + kim + " (Kim Lee) not imported: Email: 'kim@localhost'"
				+ " in email is not a valid email address");
		assertThat(erp.customerIdOf("kim@localhost")).isNull();
		assertThat(byStoreId().get(gina).status()).isEqualTo(SyncStatus.PROCESSED);
	}

	@Test
	void aCustomerDeletedInTheStoreIsSeenByAFullImportAndTheErpCustomerIsKept() throws Exception {
		String gina = shopper("gina.baker@sunnyside.example", "Gina", "Baker", "Sunny Side Bakery", "");
		importCustomers();
		String inErp = erp.customerIdOf("gina.baker@sunnyside.example");
		store().deleteCustomer(gina);

		RunSummary incremental = importCustomers();
		RunSummary full = RunSummary.of(jobs.launch("customer-import", Map.of("mode", "full")));

		assertThat(incremental.deleted()).as("an incremental run reads changes; a deletion is none").isZero();
		assertThat(full.deleted()).isEqualTo(1);
		SyncRecord deleted = byStoreId().get(gina);
		assertThat(deleted.status()).isEqualTo(SyncStatus.DELETED);
		assertThat(deleted.lastError())
			.isEqualTo("no longer in store '" + storeName() + "'; the ERP's customer " + inErp + " is kept");
		assertThat(erp.customer(inErp)).as("kept").isNotNull();
		assertThat(RunSummary.of(jobs.launch("customer-import", Map.of("mode", "full"))).deleted()).as("recorded once")
			.isZero();
	}

	@Test
	void aStoreThatStaysDownFailsTheImportAndTheRestartImportsEveryCustomerOnce() throws Exception {
		shopper("gina.baker@sunnyside.example", "Gina", "Baker", "Sunny Side Bakery", "");
		shopper("liam.chen@mail.example", "Liam", "Chen", "", "");
		var outage = store().failAll(reading(CUSTOMERS), StoreFault.unavailable());

		JobExecution failed = jobs.launch("customer-import", Map.of());

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription()).contains("GET /v3/customers", "503");
		outage.remove();
		RunSummary restarted = RunSummary.of(jobs.restart(failed.getId()));
		assertThat(restarted.status()).isEqualTo("COMPLETED");
		assertThat(restarted.inserted()).isEqualTo(2);
		assertThat(erp.customerIdOf("gina.baker@sunnyside.example")).isNotNull();
		assertThat(erp.customerIdOf("liam.chen@mail.example")).isNotNull();
		assertThat(importCustomers().prepared()).isZero();
	}

	@Test
	void exportImportExportImportOnUnchangedDataWritesNothingAfterTheFirstRound() throws Exception {
		shopper("gina.baker@sunnyside.example", "Gina", "Baker", "Sunny Side Bakery", "+1 555 0142");
		shopper("liam.chen@mail.example", "Liam", "Chen", "", "");
		launch(Map.of());
		importCustomers();
		long storeWrites = store().writes();
		Map<String, Object> erpVersions = erp.customerVersions();

		for (int round = 2; round <= 3; round++) {
			RunSummary exported = launch(Map.of());
			RunSummary imported = importCustomers();
			assertThat(exported.processed()).as("round %d, export", round).isZero();
			assertThat(imported.processed()).as("round %d, import", round).isZero();
		}

		assertThat(store().writes()).as("store requests that write").isEqualTo(storeWrites);
		assertThat(erp.customerVersions()).as("ERP rows written").isEqualTo(erpVersions);
		assertThat(store().customers()).hasSize(5);
		assertThat(erp.customerVersions()).as("the demo's 8 and the two shoppers, once each").hasSize(10);
	}

	@Test
	void anErpEditOfAnImportedCustomerIsNotImportedBackAndAStoreEditOfAnExportedOneIsNotExportedBack()
			throws Exception {
		String gina = shopper("gina.baker@sunnyside.example", "Gina", "Baker", "Sunny Side Bakery", "");
		launch(Map.of());
		importCustomers();
		String fruitico = history().get("FRUITICO").externalId();

		// A store user edits the exported FRUITICO: the import brings it to the ERP, and
		// the export then finds the ERP already as the store has it.
		store().editCustomer(fruitico, Map.of("phone", "+1 212 555 0111"));
		RunSummary imported = importCustomers();
		long writes = store().writes();
		RunSummary exported = launch(Map.of());

		assertThat(imported.updated()).isEqualTo(1);
		assertThat(erp.customer("FRUITICO")).containsEntry("Phone1", "+1 212 555 0111");
		assertThat(exported.processed()).isZero();
		assertThat(store().writes()).isEqualTo(writes);
		assertThat(byStoreId().get(gina).status()).isEqualTo(SyncStatus.PROCESSED);
	}

	@Test
	void anErpEditTheExportFiltersOutOfAnImportedCustomerLeavesItsLineAndIsNotOverwrittenWithoutATrace()
			throws Exception {
		String gina = shopper("gina.baker@sunnyside.example", "Gina", "Baker", "Sunny Side Bakery", "+1 555 0142");
		launch(Map.of());
		importCustomers();
		String inErp = erp.customerIdOf("gina.baker@sunnyside.example");
		// An ERP user edits the imported customer; the export sends only class
		// COMMERCEBB.
		erp.editCustomer(inErp, "Phone1", "+1 555 0100", java.time.LocalDateTime.now().plusMinutes(1));

		RunSummary exported = launch(Map.of());

		assertThat(exported.filtered()).isEqualTo(1);
		SyncRecord line = byStoreId().get(gina);
		assertThat(line.status()).as("the import's line, as the import left it").isEqualTo(SyncStatus.PROCESSED);
		assertThat(line.lastDirection()).isEqualTo(SyncDirection.IMPORT);
		assertThat(line.lastOperation()).isEqualTo(LastOperation.INSERTED_LOCALLY);

		// Then a store user changes her phone too: the store wins, and the ERP's edit is
		// kept in the history.
		store().editCustomer(gina, Map.of("phone", "+1 555 0199"));
		RunSummary imported = importCustomers();

		assertThat(imported.conflicts()).isEqualTo(1);
		assertThat(erp.customer(inErp)).containsEntry("Phone1", "+1 555 0199");
		assertThat(byStoreId().get(gina).lastError())
			.endsWith("the ERP's values it replaced: Phone1 '+1 555 0100' → '+1 555 0199'");
	}

	@Test
	void aShopperWhoIsAlreadyAnErpCustomerIsBoundToThatCustomerNotImportedASecondTime() throws Exception {
		// The demo's Web Shopper, EC00003, is not exported (class ECCUSTOMER), and signs
		// up
		// in the store with the same email.
		launch(Map.of());
		String webShopper = shopper("Shopper@Mail.example", "Web", "Shopper", "", "");

		RunSummary imported = importCustomers();

		assertThat(imported.inserted()).isZero();
		assertThat(erp.customerIdOf("shopper@mail.example")).isEqualTo("EC00003");
		assertThat(erp.customerVersions()).as("the demo's eight customers and no other").hasSize(8);
		List<SyncRecord> lines = records.history(storeName(), "customer", null)
			.stream()
			.filter(record -> "EC00003".equals(record.erpId()) || webShopper.equals(record.externalId()))
			.toList();
		assertThat(lines).as("one line in the history binds the two").singleElement().satisfies(line -> {
			assertThat(line.erpId()).isEqualTo("EC00003");
			assertThat(line.externalId()).isEqualTo(webShopper);
			assertThat(line.status()).isEqualTo(SyncStatus.PROCESSED);
			assertThat(line.lastDirection()).isEqualTo(SyncDirection.IMPORT);
		});
	}

	@Test
	void operatorsNameImportedRecordsByStoreIdToLoadProcessAbortAndRetryThem() throws Exception {
		String kim = shopper("kim@localhost", "Kim", "Lee", "", "");
		String gina = shopper("gina.baker@sunnyside.example", "Gina", "Baker", "Sunny Side Bakery", "");
		importCustomers();

		assertThat(batch.load("customer-import", null, Map.of(), 100))
			.extracting(BatchProcesses.LoadedRecord::key, BatchProcesses.LoadedRecord::status,
					BatchProcesses.LoadedRecord::boundId)
			.containsExactlyInAnyOrder(tuple(kim, "FAILED", null),
					tuple(gina, "PROCESSED", erp.customerIdOf("gina.baker@sunnyside.example")));
		RunSummary processed = RunSummary.of(batch.process("customer-import", null, List.of(gina), true));
		assertThat(processed.inSync()).as("sent again on request; the ERP already holds it").isEqualTo(1);
		assertThatThrownBy(() -> batch.process("customer-import", null, List.of("999999"), true))
			.hasMessage("no customer with store id(s) [999999] in the store or in the sync history of store "
					+ storeName() + "; nothing was launched");

		assertThat(refresh.abort("customer-import", null, List.of(kim))).isEqualTo(1);
		assertThat(byStoreId().get(kim).status()).isEqualTo(SyncStatus.ABORTED);
		assertThat(importCustomers().failed()).as("an aborted record is left alone").isZero();
		assertThat(refresh.retry("customer-import", null, List.of(kim), false)).isEqualTo(1);
		assertThat(byStoreId().get(kim).status()).isEqualTo(SyncStatus.PREPARED);
		assertThat(importCustomers().failed()).as("retried, and refused again for the same reason").isEqualTo(1);
		assertThatThrownBy(() -> refresh.retry("customer-import", null, List.of("FRUITICO"), false))
			.hasMessageContaining(
					"no customer-import sync record on store " + storeName() + " for store id(s) [FRUITICO]");
	}

	@Test
	void processAllImportsWhatTheStoreChangedBetweenTheDaysGiven() throws Exception {
		shopper("gina.baker@sunnyside.example", "Gina", "Baker", "Sunny Side Bakery", "");
		shopper("liam.chen@mail.example", "Liam", "Chen", "", "");
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);

		RunSummary before = RunSummary
			.of(batch.processAll("customer-import", null, Map.of("modifiedTo", today.minusDays(1).toString()), true));
		RunSummary since = RunSummary
			.of(batch.processAll("customer-import", null, Map.of("modifiedFrom", today.toString()), true));

		assertThat(before.read()).as("the store changed nothing before today").isZero();
		assertThat(since.inserted()).isEqualTo(2);
		assertThatThrownBy(() -> batch.processAll("customer-import", null, Map.of("customerClasses", "X"), true))
			.hasMessageContaining("unknown filter 'customerClasses' for customer-import")
			.hasMessageContaining("ids, modifiedFrom, modifiedTo");
	}

	@Test
	void aStoreCustomerProcessedByIdWhoseErpSideAloneChangedTakesTheErpsChangeInsteadOfUndoingIt() throws Exception {
		launch(Map.of());
		String fruitico = history().get("FRUITICO").externalId();
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0100", LocalDateTime.of(2026, 11, 3, 8, 0));

		RunSummary processed = RunSummary.of(batch.process("customer-import", null, List.of(fruitico), true));

		assertThat(processed.conflicts()).as("the store did not change: no conflict").isZero();
		assertThat(erp.customer("FRUITICO")).as("the ERP's change is kept").containsEntry("Phone1", "+1 212 555 0100");
		assertThat(store().customers()).filteredOn(customer -> "info@fruitico.example".equals(customer.get("email")))
			.singleElement()
			.satisfies(customer -> assertThat(customer).as("and reaches the store")
				.containsEntry("phone", "+1 212 555 0100"));
		assertThat(history().get("FRUITICO").lastDirection()).isEqualTo(SyncDirection.EXPORT);
	}

	private String shopper(String email, String firstName, String lastName, String company, String phone) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("email", email);
		fields.put("first_name", firstName);
		fields.put("last_name", lastName);
		fields.put("company", company);
		fields.put("phone", phone);
		return store().createCustomer(fields);
	}

	private RunSummary importCustomers() throws Exception {
		return RunSummary.of(jobs.launch("customer-import", Map.of()));
	}

	private Map<String, SyncRecord> byStoreId() {
		return records.history(storeName(), "customer", null)
			.stream()
			.filter(record -> record.externalId() != null)
			.collect(Collectors.toMap(SyncRecord::externalId, Function.identity()));
	}

}
