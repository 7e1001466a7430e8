package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.updating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.syncbatch.definition.SyncDirection;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.history.WatermarkRepository;
import io.syncbatch.job.RunSummary;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * What the README promises of incremental runs: a run reads only what changed since the
 * watermark (and the overlap before it), only a completed run moves the watermark, and a
 * row committed late with an earlier change time is still sent. The demo customers
 * changed between 10:00 and 10:35 on 2026-10-02; EC00003 is the newest.
 */
class WatermarkScenariosTest extends BigCommerceScenario {

	private static final LocalDateTime NEWEST_DEMO_CUSTOMER = LocalDateTime.of(2026, 10, 2, 10, 35);

	@Autowired
	WatermarkRepository watermarks;

	@Test
	void aSecondIncrementalRunReadsOnlyWhatChangedSinceTheWatermark() throws Exception {
		launch(Map.of());
		long writesAfterFirstRun = storeWrites();
		LocalDateTime edited = LocalDateTime.of(2026, 11, 2, 9, 0);
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0001", edited);

		RunSummary second = launch(Map.of());

		assertThat(second.read()).as("FRUITICO, changed since the watermark, and EC00003, inside the overlap before it")
			.isEqualTo(2);
		assertThat(second.prepared()).isEqualTo(1);
		assertThat(second.updated()).isEqualTo(1);
		assertThat(storeWrites() - writesAfterFirstRun).as("one PUT of FRUITICO").isEqualTo(1);
		assertThat(watermark()).contains(edited);

		RunSummary third = launch(Map.of());

		assertThat(third.read()).as("only FRUITICO, the newest change, inside the overlap").isEqualTo(1);
		assertThat(third.prepared()).isZero();
		assertThat(storeWrites() - writesAfterFirstRun).isEqualTo(1);
	}

	@Test
	void onlyACompletedRunMovesTheWatermark() throws Exception {
		launch(Map.of());
		assertThat(watermark()).contains(NEWEST_DEMO_CUSTOMER);
		LocalDateTime edited = LocalDateTime.of(2026, 11, 2, 9, 0);
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0001", edited);
		var outage = store().failAll(updating(CUSTOMERS), StoreFault.unavailable());

		JobExecution failed = jobs.launch("customer-export", Map.of());

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(watermark()).as("a run that failed in process leaves the watermark where it was")
			.contains(NEWEST_DEMO_CUSTOMER);

		outage.remove();
		RunSummary restarted = RunSummary.of(jobs.restart(failed.getId()));

		assertThat(restarted.status()).isEqualTo("COMPLETED");
		assertThat(restarted.updated()).isEqualTo(1);
		assertThat(watermark()).as("its restart completed, and moved it").contains(edited);
	}

	@Test
	void aRowCommittedLateWithAnEarlierChangeTimeIsStillPreparedAndSent() throws Exception {
		launch(Map.of());
		// An ERP transaction that stamped its row before EC00003's change but committed
		// after the run had read past it.
		erp.addCustomer("LATECOMER", "Late Comer Ltd", "buyer@latecomer.example",
				NEWEST_DEMO_CUSTOMER.minusSeconds(30));

		RunSummary second = launch(Map.of());

		assertThat(second.prepared()).isEqualTo(1);
		assertThat(second.inserted()).isEqualTo(1);
		assertThat(history().get("LATECOMER").status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(storeCustomersByEmail()).containsKey("buyer@latecomer.example");
	}

	private Optional<LocalDateTime> watermark() {
		return watermarks.changedSince(storeName(), "customer", SyncDirection.EXPORT);
	}

}
