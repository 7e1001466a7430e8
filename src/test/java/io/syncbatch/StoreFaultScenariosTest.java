package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Requests.updating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import io.syncbatch.job.RunSummary;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.testsupport.StoreFixture;
import io.syncbatch.testsupport.StoreFixture.SentRequest;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * What the store does wrong, injected through the store fixture, and what the sync
 * history and the store look like afterwards: transient failures are retried without
 * creating anything twice, rate limits are waited out as the store says, and an outage is
 * caught up by a restart.
 */
class StoreFaultScenariosTest extends BigCommerceScenario {

	@Test
	void a503AndAResetConnectionAreRetriedAndEveryCustomerArrivesOnce() throws Exception {
		failFirstPosts(StoreFault.unavailable(), StoreFault.connectionReset());

		RunSummary run = launch(Map.of());

		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(run.inserted()).isEqualTo(3);
		assertThat(posts()).as("503, reset, then accepted").hasSize(3);
		assertThat(store().customers()).hasSize(3);
	}

	@Test
	void aTimeoutAfterTheStoreCreatedTheCustomersDoesNotCreateThemTwice() throws Exception {
		// The store creates the customers but its answer arrives after the client gave up
		// (timeout 2 s).
		failFirstPosts(StoreFault.answerAfter(Duration.ofMillis(4_000)));

		RunSummary run = launch(Map.of());

		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(store().customers()).as("no duplicate customers").hasSize(3);
		assertThat(posts()).as("the retried POST is refused: the store has those emails").hasSize(2);
		assertThat(store().requests(updating(CUSTOMERS))).hasSize(1);
		assertThat(run.updated()).as("then found by email and updated").isEqualTo(3);
		assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(history().get("FRUITICO").lastOperation()).isEqualTo(LastOperation.UPDATED_EXTERNALLY);
	}

	@Test
	void a429IsWaitedOutForAsLongAsBigCommercesResetHeaderSays() throws Exception {
		// On BigCommerce: a 429 whose X-Rate-Limit-Time-Reset-Ms says 1500 (and
		// X-Rate-Limit-Requests-Left 0).
		failFirstPosts(StoreFault.rateLimited(Duration.ofMillis(1_500)));

		RunSummary run = launch(Map.of());

		assertThat(run.inserted()).isEqualTo(3);
		List<SentRequest> posts = posts();
		assertThat(posts).hasSize(2);
		assertThat(posts.get(1).after(posts.get(0))).as("retry delay is 1 ms; the header asked for 1.5 s")
			.isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
	}

	@Test
	void retryAfterIsHonouredOnAnUnavailableStore() throws Exception {
		failFirstPosts(StoreFault.unavailable(Duration.ofSeconds(1)));

		launch(Map.of());

		List<SentRequest> posts = posts();
		assertThat(posts).hasSize(2);
		assertThat(posts.get(1).after(posts.get(0))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aStoreThatStaysDownFailsTheRunAndTheRestartCatchesUpWithErpChangesMadeMeanwhile() throws Exception {
		var outage = store().failAll(creating(CUSTOMERS), StoreFault.unavailable());
		JobExecution failed = jobs.launch("customer-export", Map.of());
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		// The reason names the request as BigCommerce, the store fixture's platform,
		// knows it.
		assertThat(failed.getExitStatus().getExitDescription()).contains("POST /v3/customers", "503");

		// While the store is down, the ERP moves on.
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0199", LocalDateTime.of(2026, 11, 3, 8, 0));
		outage.remove();
		RunSummary restarted = RunSummary.of(jobs.restart(failed.getId()));

		assertThat(restarted.status()).isEqualTo("COMPLETED");
		assertThat(restarted.inserted()).isEqualTo(3);
		assertThat(storeCustomersByEmail().get("info@fruitico.example")).as("the restart sends the ERP's current row")
			.containsEntry("phone", "+1 212 555 0199");

		RunSummary next = launch(Map.of());
		assertThat(next.prepared()).as("the edit was already caught up").isZero();
		assertThat(store().customers()).hasSize(3);
		assertThat(history().values()).extracting(SyncRecord::status).doesNotContain(SyncStatus.PREPARED);
	}

	@Test
	void aCreateWhoseAnswerWasLostIsFoundByWhatItSentAfterTheErpChangedTheEmail() throws Exception {
		// The store creates the customers, but the answer is lost and the store then
		// stays down until the run gives up: nothing of that create is committed.
		failFirstPosts(StoreFault.answerAfter(Duration.ofMillis(4_000)), StoreFault.unavailable(),
				StoreFault.unavailable(), StoreFault.unavailable(), StoreFault.unavailable());
		JobExecution failed = jobs.launch("customer-export", Map.of());
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		awaitStoreCustomers(3);
		// While the engine is down, an ERP user changes FRUITICO's email.
		erp.editCustomer("FRUITICO", "Email", "accounts@fruitico.example", LocalDateTime.of(2026, 11, 3, 8, 0));

		RunSummary restarted = RunSummary.of(jobs.restart(failed.getId()));

		assertThat(restarted.status()).isEqualTo("COMPLETED");
		assertThat(store().customers()).as("found by the email the lost create sent, not created again").hasSize(3);
		assertThat(storeCustomersByEmail()).containsKey("accounts@fruitico.example")
			.doesNotContainKey("info@fruitico.example");
		assertThat(restarted.updated()).isEqualTo(3);
		assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.PROCESSED);
	}

	@Test
	void a200WithAnHtmlPageOrACutOffAnswerIsRetriedLikeA5xx() throws Exception {
		failFirstPosts(StoreFault.unreadableAnswer("text/html", "<html><body><h1>Please wait</h1></body></html>"),
				StoreFault.unreadableAnswer("application/json", "{\"data\":[{\"id\":1,\"email\":\"info@fru"));

		RunSummary run = launch(Map.of());

		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(posts()).as("HTML, cut off, then accepted").hasSize(3);
		assertThat(store().customers()).as("every customer once").hasSize(3);
		assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.PROCESSED);
	}

	@Test
	void aStoreThatKeepsAnsweringHtmlFailsTheRunNamingTheStoreAndTheRequest() throws Exception {
		store().failAll(creating(CUSTOMERS), StoreFault.unreadableAnswer("text/html", "<html>Bad gateway</html>"));

		JobExecution failed = jobs.launch("customer-export", Map.of());

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription())
			.contains("POST /v3/customers on store " + storeName() + " answered 200 with a body that is not JSON")
			.contains("<html>Bad gateway</html>");
		assertThat(posts()).as("retried as a 5xx is: once and max-retries more").hasSizeGreaterThan(1);
	}

	@Test
	void everyWriteCarriesItsContentLengthAndIsNotSentChunked() throws Exception {
		launch(Map.of());
		erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0188", LocalDateTime.of(2026, 11, 3, 8, 0));
		launch(Map.of());

		List<SentRequest> writes = store().requests().stream().filter(request -> request.operation().writes()).toList();
		assertThat(writes).extracting(SentRequest::operation)
			.contains(StoreFixture.Operation.CREATE, StoreFixture.Operation.UPDATE);
		assertThat(writes).allSatisfy(request -> {
			assertThat(request.headers()).doesNotContainKey("transfer-encoding");
			assertThat(request.headers()).containsEntry("content-length",
					String.valueOf(request.body().getBytes(StandardCharsets.UTF_8).length));
		});
	}

	private void awaitStoreCustomers(int count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (store().customers().size() < count && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(store().customers()).as("the store created what the lost request sent").hasSize(count);
	}

	/**
	 * The first customer creations get these answers in turn; later ones reach the store.
	 */
	private void failFirstPosts(StoreFault... answers) {
		store().failFirst(creating(CUSTOMERS), answers);
	}

	/** The customer creations the store received, oldest first. */
	private List<SentRequest> posts() {
		return store().requests(creating(CUSTOMERS));
	}

}
