package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Operation.CREATE;
import static io.syncbatch.testsupport.StoreFixture.Operation.UPDATE;
import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Requests.every;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.syncbatch.job.RunSummary;
import io.syncbatch.ops.BatchProcesses;
import io.syncbatch.ops.BatchProcesses.LoadedRecord;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * The Customer batch process of the seeds: filters by dates, customer classes and
 * specific customers; Load lists what they select, Process syncs chosen records, Process
 * All syncs everything selected. Hostile filter values are bound, so they select nothing
 * and break nothing.
 */
class BatchProcessScenariosTest extends BigCommerceScenario {

	@Autowired
	BatchProcesses batch;

	@Test
	void loadListsWhatTheFiltersSelectWithSyncStatusAndSyncsNothing() throws Exception {
		List<LoadedRecord> commerce = batch.load("customer", null, Map.of("customerClasses", "COMMERCEBB"), 100);

		assertThat(commerce).extracting(LoadedRecord::key)
			.containsExactly("BERRYBAR", "FRUITICO", "JAMIFIQUE", "MARMALADO", "ORCHARDCO");
		assertThat(commerce).extracting(LoadedRecord::status).containsOnlyNulls();
		assertThat(store().customers()).isEmpty();
		assertThat(state.jobExecutionCount()).isZero();

		launch(Map.of());
		assertThat(batch.load("customer", null, Map.of("customers", "FRUITICO,ORCHARDCO"), 100))
			.extracting(LoadedRecord::key, LoadedRecord::status)
			.containsExactly(tuple("FRUITICO", "PROCESSED"), tuple("ORCHARDCO", "FILTERED"));
		assertThat(batch.load("customer", null, Map.of("modifiedFrom", "2026-10-02T10:26", "modifiedTo", "2026-10-02"),
				100))
			.extracting(LoadedRecord::key)
			.containsExactly("EC00003", "MAPLELEAF");
	}

	@Test
	void processSyncsExactlyTheChosenRecordsAndLeavesTheWatermarkAlone() throws Exception {
		RunSummary run = RunSummary.of(batch.process("customer", null, List.of("FRUITICO", "ORCHARDCO"), true));

		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(run.prepared()).isEqualTo(2);
		assertThat(run.inserted()).isEqualTo(1);
		assertThat(run.filtered()).isEqualTo(1);
		assertThat(history()).containsOnlyKeys("FRUITICO", "ORCHARDCO");
		assertThat(storeCustomersByEmail()).containsOnlyKeys("info@fruitico.example");

		RunSummary next = launch(Map.of());
		assertThat(next.read()).as("the watermark did not move: everything is read").isEqualTo(8);
		assertThat(next.prepared()).as("but FRUITICO and ORCHARDCO are unchanged").isEqualTo(6);
	}

	@Test
	void processSendsAChosenRecordAgainEvenWhenUnchanged() throws Exception {
		launch(Map.of());
		store().forgetRequests();

		RunSummary again = RunSummary.of(batch.process("customer", null, List.of("JAMIFIQUE"), true));

		assertThat(again.updated()).isEqualTo(1);
		assertThat(again.failed()).as("BERRYBAR's backlog is not this run's business").isZero();
		assertThat(store().requests(every(UPDATE))).hasSize(1);
		assertThat(store().requests(every(CREATE))).isEmpty();
		assertThat(history().get("JAMIFIQUE").lastOperation()).isEqualTo(LastOperation.UPDATED_EXTERNALLY);
		assertThat(history().get("BERRYBAR").attempts()).isEqualTo(1);
	}

	@Test
	void processOfChosenIdsWhileOthersArePreparedSendsOnlyThose() throws Exception {
		assertThat(prepareAlone().status()).isEqualTo(BatchStatus.COMPLETED);

		RunSummary run = RunSummary.of(batch.process("customer", null, List.of("FRUITICO", "JAMIFIQUE"), true));

		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(run.inserted()).isEqualTo(2);
		assertThat(run.filtered() + run.failed()).as("the other prepared records are not this run's").isZero();
		assertThat(storeCustomersByEmail()).containsOnlyKeys("info@fruitico.example", "orders@jamifique.example");
		assertThat(history()).hasSize(8);
		history().forEach((erpId, record) -> assertThat(record.status()).as(erpId)
			.isEqualTo(List.of("FRUITICO", "JAMIFIQUE").contains(erpId) ? SyncStatus.PROCESSED : SyncStatus.PREPARED));
	}

	@Test
	void theRestartOfAProcessOfChosenIdsStillSendsOnlyThose() throws Exception {
		assertThat(prepareAlone().status()).isEqualTo(BatchStatus.COMPLETED);
		var outage = store().failAll(creating(CUSTOMERS), StoreFault.unavailable());

		JobExecution failed = batch.process("customer", null, List.of("FRUITICO", "JAMIFIQUE"), true);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(store().customers()).isEmpty();

		outage.remove();
		RunSummary restarted = RunSummary.of(jobs.restart(failed.getId()));

		assertThat(restarted.status()).isEqualTo("COMPLETED");
		assertThat(restarted.inserted()).isEqualTo(2);
		assertThat(restarted.filtered() + restarted.failed()).isZero();
		assertThat(storeCustomersByEmail()).containsOnlyKeys("info@fruitico.example", "orders@jamifique.example");
		history().forEach((erpId, record) -> assertThat(record.status()).as(erpId)
			.isEqualTo(List.of("FRUITICO", "JAMIFIQUE").contains(erpId) ? SyncStatus.PROCESSED : SyncStatus.PREPARED));
	}

	@Test
	void processAllSyncsEverythingTheFiltersSelect() throws Exception {
		RunSummary run = RunSummary.of(batch.processAll("customer", null,
				Map.of("customerClasses", "COMMERCEBB,DEFAULT", "modifiedFrom", "2026-10-02T10:05"), true));

		assertThat(history()).containsOnlyKeys("JAMIFIQUE", "MARMALADO", "ORCHARDCO", "BERRYBAR", "ABCSTUDIOS");
		assertThat(run.inserted()).isEqualTo(2);
		assertThat(history().get("ABCSTUDIOS").status()).isEqualTo(SyncStatus.FILTERED);
		assertThatThrownBy(() -> batch.processAll("customer", null, Map.of(), true))
			.hasMessageContaining("process-all needs at least one filter of [customerClasses, customers, ids,");
	}

	@ParameterizedTest
	@ValueSource(strings = { "' OR '1'='1", "%", "COMMERCEBB' --", "COMMERCEBB); DROP TABLE Customer; --", "\\\\", "_",
			"COMMERCEBB\" OR \"\"=\"" })
	void hostileFilterValuesSelectNothingAndBreakNothing(String hostile) throws Exception {
		assertThat(batch.load("customer", null, Map.of("customerClasses", hostile), 100)).isEmpty();
		assertThat(batch.load("customer", null, Map.of("customers", hostile), 100)).isEmpty();

		RunSummary run = RunSummary.of(batch.processAll("customer", null, Map.of("customers", hostile), true));

		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(run.read()).isZero();
		assertThat(erp.jdbc().queryForObject("SELECT COUNT(*) FROM Customer", Integer.class)).isEqualTo(8);
		assertThat(history()).isEmpty();
	}

	@Test
	void unknownOrMalformedFiltersAreRefusedNamingTheParameter() {
		assertThatThrownBy(() -> batch.load("customer", null, Map.of("customerClass", "COMMERCEBB"), 10))
			.hasMessageContaining("unknown filter 'customerClass' for customer");
		assertThatThrownBy(() -> batch.load("customer", null, Map.of("modifiedFrom", "yesterday"), 10))
			.hasMessage("parameter 'modifiedFrom': 'yesterday' is not a date (yyyy-MM-dd or yyyy-MM-ddTHH:mm)");
		assertThatThrownBy(() -> launch(Map.of("customers", " , ")))
			.hasMessageContaining("parameter 'customers' lists no value");
		assertThat(state.jobExecutionCount()).isZero();
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|', value = {
			"customer-location | customers=JAMIFIQUE                         | JAMIFIQUE:FACTORY JAMIFIQUE:MAIN",
			"customer-location | modifiedFrom=2026-10-03T09:20               | FRUITICO:OLDSHOP ORCHARDCO:MAIN",
			"category          | modifiedFrom=2026-10-01T08:10               | 12 20",
			"category          | modifiedTo=2026-10-01T08:05                 | 10 11",
			"product           | modifiedFrom=2026-10-02T08:20               | JAM-FIG JAM-QUINCE",
			"sales-order       | orderedFrom=2026-10-07 orderedTo=2026-10-08 | SO-SO000103 SO-SO000104",
			"shipment          | shippedFrom=2026-10-11 shippedTo=2026-10-12 | SH000202 SH000203",
			"shipment          | orderTypes=SO                               | SH000201 SH000202 SH000203 SH000204",
			"shipment          | orderTypes=TR                               | ''",
			"shipment          | shipments=SH000204,SH000201                 | SH000201 SH000204",
			"invoice           | invoicedFrom=2026-10-11                     | INV000302 INV000303",
			"invoice           | statuses=C                                  | INV000301",
			"invoice           | statuses=H                                  | ''",
			"invoice           | customer=JAMIFIQUE                          | INV000302",
			"invoice           | invoices=INV000303,INV000301                | INV000301 INV000303",
			"order-status      | modifiedFrom=2026-10-08                     | SO-SO000104 TR-TR000001" })
	void eachEntitysFiltersSelectWhatTheyName(String entity, String filters, String expected) {
		Map<String, String> values = new HashMap<>();
		for (String filter : filters.split(" ")) {
			values.put(filter.substring(0, filter.indexOf('=')), filter.substring(filter.indexOf('=') + 1));
		}

		assertThat(batch.load(entity, null, values, 100)).extracting(LoadedRecord::key)
			.containsExactly(expected.isBlank() ? new String[0] : expected.split(" "));
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|',
			value = { "customer-location | customers", "shipment | orderTypes", "shipment | shipments",
					"invoice | statuses", "invoice | customer", "invoice | invoices", "sales-order | ids" })
	void hostileValuesInEveryEntitysListFiltersSelectNothing(String entity, String filter) {
		for (String hostile : List.of("' OR '1'='1", "%", "SO' --", "x); DELETE FROM SOOrder; --", "_", "\\\\",
				"SO\" OR \"\"=\"")) {
			assertThat(batch.load(entity, null, Map.of(filter, hostile), 100)).as(hostile).isEmpty();
		}
		assertThat(erp.jdbc().queryForObject("SELECT COUNT(*) FROM SOOrder", Integer.class)).isEqualTo(5);
		assertThatThrownBy(() -> batch.load(entity, null, Map.of(filter + "s", "x"), 10))
			.hasMessageContaining("unknown filter '" + filter + "s' for " + entity);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "sales-order | orderedFrom", "shipment | shippedTo", "invoice | invoicedFrom",
			"product | modifiedTo", "category | modifiedFrom" })
	void malformedDatesAreRefusedNamingTheParameter(String entity, String filter) {
		assertThatThrownBy(() -> batch.load(entity, null, Map.of(filter, "2026-13-45' OR 1=1"), 10)).hasMessage(
				"parameter '" + filter + "': '2026-13-45' OR 1=1' is not a date (yyyy-MM-dd or" + " yyyy-MM-ddTHH:mm)");
	}

}
