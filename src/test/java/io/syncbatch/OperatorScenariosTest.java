package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Requests.to;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.syncbatch.job.RunSummary;
import io.syncbatch.ops.SyncRefresh;
import io.syncbatch.history.RunRefusedException;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * What operators do between runs: sync refresh (retry one record, several, or every
 * failed one), abort, the attempt limit, stopping a running execution gracefully then
 * restarting it, and the guarantee that one store/entity is never synced by two runs at
 * once.
 */
class OperatorScenariosTest extends BigCommerceScenario {

	@Autowired
	SyncRefresh refresh;

	@Test
	void aRecordThatKeepsFailingIsAbortedAfterMaxAttemptsAndLeftAlone() throws Exception {
		for (int run = 1; run <= 3; run++) {
			launch(Map.of());
		}
		SyncRecord berryBar = history().get("BERRYBAR");
		assertThat(berryBar.status()).as("max-attempts is 3").isEqualTo(SyncStatus.ABORTED);
		assertThat(berryBar.attempts()).isEqualTo(3);

		RunSummary fourth = launch(Map.of());
		assertThat(fourth.failed()).as("an aborted record is not attempted").isZero();
		assertThat(history().get("BERRYBAR").attempts()).isEqualTo(3);
	}

	@Test
	void syncRefreshOfOneRecordSendsItAgainAfterTheErpIsRepaired() throws Exception {
		launch(Map.of());
		erp.jdbc().update("UPDATE Customer SET Email = 'sales@berrybar.example' WHERE CustomerID = 'BERRYBAR'");

		assertThat(refresh.retry("customer", null, List.of("BERRYBAR"), false)).isEqualTo(1);
		assertThat(history().get("BERRYBAR").status()).isEqualTo(SyncStatus.PREPARED);
		RunSummary run = launch(Map.of());

		assertThat(run.inserted()).isEqualTo(1);
		assertThat(history().get("BERRYBAR").status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(storeCustomersByEmail()).containsKey("sales@berrybar.example");
	}

	@Test
	void retryingAllFailedPreparesFailedAndAbortedRecordsOnly() throws Exception {
		launch(Map.of());
		refresh.abort("customer", null, List.of("FRUITICO"));

		assertThat(refresh.retry("customer", null, List.of(), true)).as("BERRYBAR and FRUITICO").isEqualTo(2);
		assertThat(history().get("JAMIFIQUE").status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(history().get("ORCHARDCO").status()).isEqualTo(SyncStatus.FILTERED);
	}

	@Test
	void anAbortedRecordIsLeftAloneEvenWhenItChanges() throws Exception {
		launch(Map.of());
		refresh.abort("customer", null, List.of("BERRYBAR"));

		RunSummary run = launch(Map.of());

		assertThat(run.failed()).isZero();
		SyncRecord berryBar = history().get("BERRYBAR");
		assertThat(berryBar.status()).isEqualTo(SyncStatus.ABORTED);
		assertThat(berryBar.lastError()).isEqualTo("aborted by an operator");
	}

	@Test
	void anUnknownErpIdNamesItAndChangesNothing() throws Exception {
		launch(Map.of());

		assertThatThrownBy(() -> refresh.retry("customer", null, List.of("BERRYBAR", "NOSUCH"), false))
			.hasMessageContaining("[NOSUCH]")
			.hasMessageContaining("nothing was changed");
		assertThatThrownBy(() -> refresh.abort("vendor", null, List.of("X")))
			.hasMessageContaining("unknown entity or job 'vendor'");
		assertThat(history().get("BERRYBAR").status()).isEqualTo(SyncStatus.FAILED);
	}

	@Test
	void aStoppedExecutionEndsAfterItsChunkAndTheRestartFinishesTheRest() throws Exception {
		erp.addCommerceCustomers(120);
		// Each POST takes a while, so the stop request arrives while the first chunk is
		// being written.
		slowStore();

		JobExecution running = jobs.launchInBackground("customer-export", Map.of());
		awaitFirstStoreRequest(to(CUSTOMERS));
		jobs.stop(running.getId());
		assertThat(awaitEnd(running.getId())).isEqualTo(BatchStatus.STOPPED);
		long waiting = history().values().stream().filter(r -> r.status() == SyncStatus.PREPARED).count();
		assertThat(waiting).as("the chunks after the stop are still waiting").isPositive();

		RunSummary restarted = RunSummary.of(jobs.restart(running.getId()));
		assertThat(restarted.status()).isEqualTo("COMPLETED");
		assertThat(history().values()).extracting(SyncRecord::status).doesNotContain(SyncStatus.PREPARED);
		assertThat(store().customers()).as("every customer once").hasSize(123);
	}

	@Test
	void theSummaryOfARestartIsWhatItsRunLeftInTheHistory() throws Exception {
		erp.addCommerceCustomers(120);
		// BERRYBAR (refused by its email rule) first, so its failure commits with the
		// first
		// chunk; the store then stays down for a customer of the second.
		erp.editCustomer("BERRYBAR", "AcctName", "Berry Bar", LocalDateTime.of(2026, 8, 1, 8, 0));
		var down = store().failAll(creating(CUSTOMERS).withBodyContaining("bulk0120@bulk.example"),
				StoreFault.unavailable());
		RunSummary failed = launch(Map.of());
		down.remove();
		assertThat(failed.status()).isEqualTo("FAILED");
		assertThat(history().get("BERRYBAR").status()).isEqualTo(SyncStatus.FAILED);

		// The restart tries BERRYBAR again (it has attempts left) and sends the rest.
		RunSummary restarted = RunSummary.of(jobs.restart(failed.executionId()));

		assertThat(restarted.status()).isEqualTo("COMPLETED");
		Map<SyncStatus, Long> history = history().values()
			.stream()
			.collect(Collectors.groupingBy(SyncRecord::status, Collectors.counting()));
		assertThat(restarted.processed()).as("processed").isEqualTo(history.get(SyncStatus.PROCESSED)).isEqualTo(123);
		assertThat(restarted.failed()).as("failed, BERRYBAR once").isEqualTo(history.get(SyncStatus.FAILED)).isOne();
		assertThat(restarted.filtered()).as("filtered").isEqualTo(history.get(SyncStatus.FILTERED));
		RunSummary listed = RunSummary.of(jobs.execution(restarted.executionId()));
		assertThat(List.of(listed.processed(), listed.failed(), listed.filtered())).as("as the job repository keeps it")
			.containsExactly(restarted.processed(), restarted.failed(), restarted.filtered());
	}

	@Test
	void ofSimultaneousLaunchesExactlyOneRunsAndTheOthersAreRefused() throws Exception {
		slowStore();
		List<Callable<Long>> launches = Collections.nCopies(4,
				() -> jobs.launchInBackground("customer-export", Map.of()).getId());
		List<Future<Long>> results = Executors.newFixedThreadPool(4).invokeAll(launches);

		List<Long> started = new ArrayList<>();
		List<String> refusals = new ArrayList<>();
		for (Future<Long> result : results) {
			try {
				started.add(result.get());
			}
			catch (ExecutionException e) {
				assertThat(e.getCause()).isInstanceOf(RunRefusedException.class);
				refusals.add(e.getCause().getMessage());
			}
		}
		assertThat(started).hasSize(1);
		assertThat(refusals).hasSize(3)
			.allSatisfy(reason -> assertThat(reason)
				.startsWith("customer on store " + storeName() + " is already being synced by"));

		assertThat(awaitEnd(started.get(0))).isEqualTo(BatchStatus.COMPLETED);
		assertThat(launch(Map.of()).status()).as("free again once the run ended").isEqualTo("COMPLETED");
	}

	@Test
	void aRunningSyncRefusesALaunchAndARestartWithTheReason() throws Exception {
		launch(Map.of());
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0101", LocalDateTime.of(2026, 11, 4, 8, 0));
		slowStore();
		store().forgetRequests();
		JobExecution running = jobs.launchInBackground("customer-export", Map.of());
		awaitFirstStoreRequest(to(CUSTOMERS));

		assertThatThrownBy(() -> jobs.launch("customer-export", Map.of("mode", "full")))
			.isInstanceOf(RunRefusedException.class)
			.hasMessageStartingWith("customer on store " + storeName() + " is already being synced by execution "
					+ running.getId() + " of customer-export (STARTED); this launch was refused; its process (")
			.hasMessageContaining("renewed its lease");
		assertThat(awaitEnd(running.getId())).isEqualTo(BatchStatus.COMPLETED);
	}

	private void slowStore() {
		store().failAll(to(CUSTOMERS), StoreFault.answerAfter(Duration.ofMillis(300)));
	}

}
