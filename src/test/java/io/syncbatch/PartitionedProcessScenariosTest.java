package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Requests.to;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.syncbatch.job.RunSummary;
import io.syncbatch.history.PendingCreates;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.testsupport.StoreFixture.SentRequest;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * The process step as three partitions over one backlog (syncbatch.process.partitions=3):
 * given the demo company and 120 more commerce customers, every eligible customer reaches
 * the store once, the store never sees more requests at once than its concurrency allows,
 * and a restart after one partition failed runs only that one.
 */
@TestPropertySource(properties = "syncbatch.process.partitions=3")
class PartitionedProcessScenariosTest extends BigCommerceScenario {

	/**
	 * The stores' default: three partitions sending five batches a chunk each could have
	 * fifteen in flight.
	 */
	private static final int CONCURRENCY = 4;

	@Autowired
	PendingCreates pendingCreates;

	@Autowired
	PlatformTransactionManager transactions;

	@BeforeEach
	void givenMoreCustomersThanOneChunk() {
		erp.addCommerceCustomers(120);
	}

	@Test
	void everyEligibleCustomerReachesTheStoreOnceWhenThreePartitionsShareTheBacklog() throws Exception {
		JobExecution execution = jobs.launch("customer-export", Map.of());
		RunSummary run = RunSummary.of(execution);

		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(run.processed()).isEqualTo(123);
		assertThat(run.filtered()).isEqualTo(4);
		assertThat(run.failed()).as("BERRYBAR has no email").isEqualTo(1);
		List<StepExecution> partitions = partitionsOf(execution);
		assertThat(partitions).extracting(StepExecution::getStepName)
			.containsExactlyInAnyOrder("customer-process:partition0", "customer-process:partition1",
					"customer-process:partition2");
		assertThat(partitions).allSatisfy(
				partition -> assertThat(partition.getWriteCount()).as("every partition has a share of the backlog")
					.isPositive());
		assertThat(partitions.stream().mapToLong(StepExecution::getWriteCount).sum())
			.as("the slices together are the backlog, each record in one")
			.isEqualTo(128);
		assertThat(store().customers()).hasSize(123);
		assertThat(storeCustomersByEmail()).hasSize(123);
		assertThat(history().values()).extracting(SyncRecord::status).doesNotContain(SyncStatus.PREPARED);
	}

	@Test
	void requestsStayWithinTheStoresConcurrencyAcrossPartitions() throws Exception {
		store().failAll(to(CUSTOMERS), StoreFault.answerAfter(Duration.ofMillis(150)));

		assertThat(launch(Map.of()).status()).isEqualTo("COMPLETED");

		List<long[]> requests = new ArrayList<>();
		for (SentRequest request : store().requests()) {
			requests.add(new long[] { request.sentAt().toEpochMilli(), request.answeredAt().toEpochMilli() });
		}
		int most = 0;
		for (long[] request : requests) {
			int inFlight = (int) requests.stream()
				.filter(other -> other[0] <= request[0] && request[0] < other[1])
				.count();
			most = Math.max(most, inFlight);
		}
		assertThat(most).as("requests in flight at once, with three partitions of five batches a chunk")
			.isGreaterThan(1)
			.isLessThanOrEqualTo(CONCURRENCY);
	}

	@Test
	void aRestartAfterOnePartitionFailedRunsOnlyThatPartition() throws Exception {
		var outage = store().failAll(creating(CUSTOMERS).withBodyContaining("bulk0077@bulk.example"),
				StoreFault.unavailable());

		JobExecution failed = jobs.launch("customer-export", Map.of());

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(partitionsOf(failed)).extracting(StepExecution::getStatus)
			.containsExactlyInAnyOrder(BatchStatus.COMPLETED, BatchStatus.COMPLETED, BatchStatus.FAILED);
		String failedPartition = partitionsOf(failed).stream()
			.filter(partition -> partition.getStatus() == BatchStatus.FAILED)
			.findFirst()
			.orElseThrow()
			.getStepName();
		assertThat(history().get("BULK0077").status()).isEqualTo(SyncStatus.PREPARED);

		outage.remove();
		JobExecution restarted = jobs.restart(failed.getId());

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitionsOf(restarted)).extracting(StepExecution::getStepName)
			.as("the completed partitions are not run again")
			.containsExactly(failedPartition);
		assertThat(store().customers()).as("every customer once").hasSize(123);
		assertThat(storeCustomersByEmail()).hasSize(123);
		assertThat(history().get("BULK0077").status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(history().values()).extracting(SyncRecord::status).doesNotContain(SyncStatus.PREPARED);
	}

	@Test
	void aPartitionRecordingItsOutcomesDoesNotHoldUpAnotherAboutToCreate() throws Exception {
		int scope = 1;
		Map<String, Map<String, @Nullable Object>> ours = new LinkedHashMap<>();
		Map<String, Map<String, @Nullable Object>> theirs = new LinkedHashMap<>();
		for (int i = 0; i < 400; i += 2) {
			ours.put("K%05d".formatted(i), Map.of("email", "k" + i + "@bulk.example"));
			theirs.put("K%05d".formatted(i + 1), Map.of("email", "k" + (i + 1) + "@bulk.example"));
		}
		pendingCreates.aboutToSend(scope, ours);
		pendingCreates.aboutToSend(scope, theirs);
		CountDownLatch settledButNotCommitted = new CountDownLatch(1);
		CountDownLatch otherPartitionDone = new CountDownLatch(1);
		ExecutorService ourPartition = Executors.newSingleThreadExecutor();
		ExecutorService otherPartition = Executors.newSingleThreadExecutor();
		try {
			TransactionTemplate chunk = new TransactionTemplate(transactions);
			Future<?> ourChunk = ourPartition.submit(() -> chunk.executeWithoutResult(status -> {
				pendingCreates.settled(scope, ours.keySet());
				settledButNotCommitted.countDown();
				awaitQuietly(otherPartitionDone);
			}));
			assertThat(settledButNotCommitted.await(10, TimeUnit.SECONDS)).isTrue();
			Future<?> theirCreates = otherPartition.submit(() -> pendingCreates.aboutToSend(scope, Map.of("K00101x",
					Map.of("email", "late@bulk.example"), "K00399x", Map.of("email", "last@bulk.example"))));
			try {
				theirCreates.get(5, TimeUnit.SECONDS);
			}
			finally {
				otherPartitionDone.countDown();
				ourChunk.get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			ourPartition.shutdownNow();
			otherPartition.shutdownNow();
		}
		assertThat(pendingCreates.sentBefore(scope, ours.keySet())).as("settled with our chunk").isEmpty();
		assertThat(pendingCreates.sentBefore(scope, List.of("K00001", "K00101x", "K00399x"))).hasSize(3);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private List<StepExecution> partitionsOf(JobExecution execution) {
		return jobs.execution(execution.getId())
			.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().startsWith("customer-process:"))
			.toList();
	}

}
