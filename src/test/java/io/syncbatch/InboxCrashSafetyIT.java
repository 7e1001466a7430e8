package io.syncbatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.syncbatch.testsupport.ContractValidatedStore;
import io.syncbatch.testsupport.ErpDatabase;
import io.syncbatch.testsupport.JarOnMariaDb;
import io.syncbatch.testsupport.MariaDbCondition;
import io.syncbatch.testsupport.MariaDbSuite;
import io.syncbatch.testsupport.SyncbatchProcess;

/**
 * Nothing acknowledged is lost, nothing is synced twice, when {@code serve} dies during a
 * burst of push notifications. The packaged jar serves on MariaDB; a sender posts one
 * notification for each of 40 new ERP customers, retrying each until it is acknowledged
 * (as Acumatica does); {@code serve} is killed with SIGKILL while the store writes of the
 * first messages are unanswered, and started again; then every customer is in the store
 * exactly once and every message is PROCESSED.
 */
@MariaDbSuite
class InboxCrashSafetyIT {

	private static final int CUSTOMERS = 40;

	private static final String ERP_SECRET = "erp-push-secret-for-the-crash-test";

	@RegisterExtension
	static final ContractValidatedStore STORE = ContractValidatedStore.start();

	@TempDir
	Path workDir;

	private final DriverManagerDataSource database = new DriverManagerDataSource(MariaDbCondition.jdbcUrl());

	private final JdbcTemplate jdbc = new JdbcTemplate(database);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private SyncbatchProcess syncbatch;

	private int port;

	@BeforeEach
	void givenFortyNewErpCustomersAndEmptySyncState() throws Exception {
		syncbatch = JarOnMariaDb.process(workDir, STORE, Map.of("SYNCBATCH_INBOX_ERPSECRET", ERP_SECRET));
		assertThat(syncbatch.run(JarOnMariaDb.args("jobs")).exitCode()).isZero();
		JarOnMariaDb.emptySyncState(jdbc);
		ErpDatabase erp = new ErpDatabase(database);
		erp.reset();
		erp.addCommerceCustomers(CUSTOMERS);
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
	}

	@Test
	void killedDuringABurstOfNotificationsNothingAcknowledgedIsLostAndNothingIsSyncedTwice() throws Exception {
		// Slow store writes, so that the kill finds some in flight.
		STORE.wireMock()
			.stubFor(post(urlPathMatching(".*/customers")).atPriority(10)
				.willReturn(aResponse().proxiedFrom(STORE.sandboxOrigin()).withFixedDelay(1_000)));
		Process serve = serve();
		AtomicInteger acknowledged = new AtomicInteger();
		CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
			// Ten a second, a busy ERP's steady stream, so that the kill comes in its
			// middle.
			for (int i = 1; i <= CUSTOMERS; i++) {
				sendUntilAcknowledged(i);
				acknowledged.incrementAndGet();
				pause(100);
			}
		});

		await(serve, () -> acknowledged.get() >= 5
				&& !STORE.wireMock().findAll(postRequestedFor(urlPathMatching(".*/customers"))).isEmpty());
		serve.destroyForcibly();
		assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(serve.exitValue()).as("killed by SIGKILL").isEqualTo(137);
		assertThat(acknowledged.get()).as("killed during the burst").isLessThan(CUSTOMERS);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sync_inbox WHERE status = 'RECEIVED'", Integer.class))
			.as("messages acknowledged and not processed when it was killed")
			.isPositive();

		Process again = serve();
		try {
			sender.get(2, TimeUnit.MINUTES);
			await(again,
					() -> jdbc.queryForObject("SELECT COUNT(*) FROM sync_inbox WHERE status IN ('RECEIVED', 'HELD')",
							Integer.class) == 0
							&& jdbc.queryForObject("SELECT COUNT(DISTINCT record_key) FROM sync_inbox",
									Integer.class) == CUSTOMERS);

			List<Object> emails = STORE.customers().stream().map(customer -> customer.get("email")).toList();
			assertThat(emails).as("every customer in the store exactly once")
				.hasSize(CUSTOMERS)
				.doesNotHaveDuplicates();
			assertThat(jdbc.queryForList(
					"SELECT status, COUNT(*) AS n FROM sync_inbox WHERE status <> 'DUPLICATE'" + " GROUP BY status"))
				.as("one message per notification, each PROCESSED")
				.singleElement()
				.satisfies(row -> assertThat(row).containsEntry("status", "PROCESSED")
					.containsEntry("n", (long) CUSTOMERS));
			assertThat(jdbc.queryForObject(
					"SELECT COUNT(*) FROM sync_record WHERE status = 'PROCESSED'" + " AND external_id IS NOT NULL",
					Integer.class))
				.isEqualTo(CUSTOMERS);
		}
		finally {
			again.destroy();
			again.waitFor(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * Acumatica's push notification of one new customer, sent again until it is
	 * acknowledged.
	 */
	private void sendUntilAcknowledged(int customer) {
		String id = String.format("BULK%04d", customer);
		String notification = "{\"Inserted\": [{\"CustomerID\": \"" + id + "\"}], \"Deleted\": [],"
				+ " \"Query\": \"syncbatch-customer\", \"CompanyId\": \"SweetLife\", \"Id\": \"tx-" + id + "\","
				+ " \"TimeStamp\": " + customer + ", \"AdditionalInfo\": {}}";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/erp/main"))
			.timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/json")
			.header("X-Syncbatch-Secret", ERP_SECRET)
			.POST(HttpRequest.BodyPublishers.ofString(notification))
			.build();
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		while (Instant.now().isBefore(deadline)) {
			try {
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (ConnectException | HttpTimeoutException down) {
				// serve is not there (killed, or starting): send again, as the ERP does
			}
			catch (IOException | InterruptedException e) {
				// the connection broke with the kill: the answer is lost, send again
			}
			pause(100);
		}
		throw new AssertionError("notification " + id + " was never acknowledged");
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("the sender was interrupted", e);
		}
	}

	private Process serve() throws IOException {
		return syncbatch.start(JarOnMariaDb.args("serve", "--server.port=" + port, "--syncbatch.lease.duration=4s",
				"--syncbatch.lease.renew-period=1s"));
	}

	private void await(Process process, BooleanSupplier ready) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (!ready.getAsBoolean()) {
			assertThat(process.isAlive()).as("serve is still running: " + syncbatch.read("err.txt")).isTrue();
			assertThat(Instant.now()).as("reached in time").isBefore(deadline);
			Thread.sleep(50);
		}
	}

}
