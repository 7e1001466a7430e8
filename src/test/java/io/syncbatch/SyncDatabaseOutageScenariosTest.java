package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.ExecutionView;
import io.syncbatch.job.SyncDatabaseUnreachableException;
import io.syncbatch.testsupport.DatabaseOutage;
import io.syncbatch.testsupport.StoreFixture.InjectedFault;
import io.syncbatch.testsupport.StoreFixture.StoreFault;
import io.syncbatch.testsupport.TestDatabase;

/**
 * The sync database drops off the network mid-chunk, while the store is being written to,
 * and comes back. Given 120 ERP customers and a store that answers each create after 300
 * ms, the outage begins when the first create reaches the store: the chunk's transaction
 * breaks, and the end of the run must still be recorded, its reason naming the sync
 * database, so that a restart catches up without a duplicate in the store. Leases last 2
 * s here, and the pool waits at most 250 ms for a connection, so that an outage can
 * outlast a lease within a test.
 */
@Import(SyncDatabaseOutageScenariosTest.Outage.class)
@TestPropertySource(properties = { "syncbatch.lease.renew-period=500ms", "syncbatch.lease.duration=2s",
		"spring.datasource.hikari.connection-timeout=250" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class SyncDatabaseOutageScenariosTest extends BigCommerceScenario {

	private static final int CUSTOMERS_IN_ERP = 120;

	@TestConfiguration
	static class Outage {

		@Bean
		static DatabaseOutage syncDatabaseOutage() {
			return new DatabaseOutage("dataSource");
		}

	}

	@Autowired
	DatabaseOutage outage;

	@Test
	void anOutageShorterThanTheLeaseFailsTheRunNamingTheSyncDatabaseAndTheRestartCatchesUp() throws Exception {
		erp.addCommerceCustomers(CUSTOMERS_IN_ERP);
		InjectedFault slowCreates = store().failAll(creating(CUSTOMERS),
				StoreFault.answerAfter(Duration.ofMillis(300)));

		long launched = cuttingAtTheFirstCreate(() -> {
			outage.begin();
			Thread.sleep(1000);
			outage.end();
		}, () -> jobs.launch("customer-export", Map.of()).getId());

		JobExecution failed = jobs.execution(launched);

		assertThat(failed.getStatus()).as("recorded once the database answered, not UNKNOWN")
			.isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription())
			.startsWith("the sync database at "
					+ (TestDatabase.current() == TestDatabase.EMBEDDED ? "h2:mem:sync-" : "127.0.0.1:3306/"))
			.contains(" was unreachable: ")
			.doesNotContain("password", "user=", "Exception:\n\tat");
		assertThat(state.runLocks()).as("the lock freed").isZero();

		slowCreates.remove();
		assertThat(jobs.restart(failed.getId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		thenEveryCustomerIsInTheStoreOnce();
	}

	@Test
	void aChunkThatCommittedAlthoughItsAnswerWasLostEndsTheRunFailedAndTheRestartCatchesUp() throws Exception {
		erp.addCommerceCustomers(CUSTOMERS_IN_ERP);
		InjectedFault slowCreates = store().failAll(creating(CUSTOMERS),
				StoreFault.answerAfter(Duration.ofMillis(300)));
		Thread job = Thread.currentThread();

		// The chunk of the first create commits next, and its answer is lost.
		long launched = cuttingAtTheFirstCreate(() -> {
			outage.loseNextCommitAnswerOf(job);
			Thread.sleep(1500);
			outage.end();
		}, () -> jobs.launch("customer-export", Map.of()).getId());

		JobExecution failed = jobs.execution(launched);
		assertThat(failed.getStatus()).as("recorded, not UNKNOWN").isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription()).startsWith("the sync database at ");
		assertThat(history().values()).as("the chunk did commit")
			.filteredOn(record -> record.status() == SyncStatus.PROCESSED)
			.isNotEmpty();
		assertThat(state.runLocks()).isZero();

		slowCreates.remove();
		assertThat(jobs.restart(failed.getId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		thenEveryCustomerIsInTheStoreOnce();
	}

	@Test
	void anOutageLongerThanTheLeaseLeavesTheRunToBeRecoveredByTheNextLaunchWhichCatchesUp() throws Exception {
		erp.addCommerceCustomers(CUSTOMERS_IN_ERP);
		InjectedFault slowCreates = store().failAll(creating(CUSTOMERS),
				StoreFault.answerAfter(Duration.ofMillis(300)));

		// Down until the launch has returned.
		Throwable endNotRecorded = cuttingAtTheFirstCreate(outage::begin, () -> {
			try {
				jobs.launch("customer-export", Map.of());
				return null;
			}
			catch (Exception e) {
				return e;
			}
		});

		assertThat(endNotRecorded).isInstanceOf(SyncDatabaseUnreachableException.class)
			.hasMessageContaining("was unreachable for 2 s");
		slowCreates.remove();
		awaitTheSyncDatabase();
		assertThat(launch(Map.of()).status()).isEqualTo("COMPLETED");
		ExecutionView recovered = jobs.executions("customer-export", 5)
			.stream()
			.filter(execution -> execution.status().equals("FAILED"))
			.findFirst()
			.orElseThrow();
		assertThat(recovered.exitMessage()).contains("stopped renewing its lease at ")
			.contains("lost the sync database for longer than the lease")
			.endsWith("recovered automatically");
		thenEveryCustomerIsInTheStoreOnce();
	}

	/** What cuts the sync database, from beside the run. */
	@FunctionalInterface
	interface Cut {

		void cut() throws Exception;

	}

	/**
	 * Runs the launch in the foreground, so that its listeners have run when it returns,
	 * and cuts the sync database from beside it once the first create reaches the store;
	 * the database is back when this returns. (The launch returns no execution:
	 * spring-batch-test would take a lambda returning one for an execution factory.)
	 */
	private <T> T cuttingAtTheFirstCreate(Cut cut, Callable<T> launch) throws Exception {
		ExecutorService beside = Executors.newSingleThreadExecutor();
		try {
			Future<?> cutting = beside.submit(() -> {
				awaitFirstStoreRequest(creating(CUSTOMERS));
				cut.cut();
				return null;
			});
			T launched = launch.call();
			cutting.get(60, TimeUnit.SECONDS);
			return launched;
		}
		finally {
			outage.end();
			beside.shutdownNow();
		}
	}

	/**
	 * The pool gets its connections back a moment after the database is back: the next
	 * launch is for when it has, as an operator's would be.
	 */
	private void awaitTheSyncDatabase() throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (true) {
			try {
				state.runLocks();
				return;
			}
			catch (DataAccessException stillAway) {
				assertThat(Instant.now()).as("the sync database is reachable again").isBefore(deadline);
				Thread.sleep(100);
			}
		}
	}

	/**
	 * The 120 customers and the demo company's sendable ones are PROCESSED, each bound to
	 * a store customer of its own, created once; the demo's others FILTERED or FAILED for
	 * their data, as without an outage.
	 */
	private void thenEveryCustomerIsInTheStoreOnce() {
		Map<SyncStatus, List<SyncRecord>> byStatus = history().values()
			.stream()
			.collect(Collectors.groupingBy(SyncRecord::status));
		assertThat(byStatus.keySet()).containsOnly(SyncStatus.PROCESSED, SyncStatus.FILTERED, SyncStatus.FAILED);
		assertThat(byStatus.get(SyncStatus.FAILED))
			.allSatisfy(record -> assertThat(record.lastError()).doesNotContain("unreachable")
				.doesNotStartWith("customer BULK"));
		List<SyncRecord> processed = byStatus.get(SyncStatus.PROCESSED);
		assertThat(processed).hasSizeGreaterThan(CUSTOMERS_IN_ERP);
		assertThat(processed.stream().map(SyncRecord::externalId).distinct()).hasSameSizeAs(processed);
		assertThat(store().customers()).as("each customer created once").hasSameSizeAs(processed);
		assertThat(storeCustomersByEmail()).hasSameSizeAs(processed);
	}

}
