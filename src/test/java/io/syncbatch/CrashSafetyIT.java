package io.syncbatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.syncbatch.testsupport.BigCommerceStoreFixture;
import io.syncbatch.testsupport.ContractValidatedStore;
import io.syncbatch.testsupport.CrashDrill;
import io.syncbatch.testsupport.ErpDatabase;
import io.syncbatch.testsupport.JarOnMariaDb;
import io.syncbatch.testsupport.MariaDbCondition;
import io.syncbatch.testsupport.MariaDbSuite;
import io.syncbatch.testsupport.SyncbatchProcess;

/**
 * Nothing lost, nothing duplicated, when the process dies. The packaged jar runs the
 * customer export on MariaDB in a JVM of its own and is killed with SIGKILL at several
 * points; once the killed run's lease has expired an operator recovers and restarts the
 * execution, or the next launch recovers it by itself, and every eligible customer is in
 * the store exactly once, PROCESSED in the history.
 */
@MariaDbSuite
class CrashSafetyIT {

	private static final List<String> EXPORTED = List.of("info@fruitico.example", "orders@jamifique.example",
			"hello@marmalado.example");

	@RegisterExtension
	static final ContractValidatedStore STORE = ContractValidatedStore.start();

	@TempDir
	Path workDir;

	private final DriverManagerDataSource database = new DriverManagerDataSource(MariaDbCondition.jdbcUrl());

	private final JdbcTemplate jdbc = new JdbcTemplate(database);

	private SyncbatchProcess syncbatch;

	private CrashDrill drill;

	@BeforeEach
	void givenTheDemoCompanyAndEmptySyncState() throws Exception {
		syncbatch = JarOnMariaDb.process(workDir, STORE, Map.of());
		drill = new CrashDrill(syncbatch, jdbc, JarOnMariaDb::args);
		// Any command migrates the sync database first.
		assertThat(syncbatch.run(JarOnMariaDb.args("jobs")).exitCode()).isZero();
		JarOnMariaDb.emptySyncState(jdbc);
		new ErpDatabase(database).reset();
	}

	@Test
	void killedBeforeItsFirstStoreRequestIsAnswered() throws Exception {
		// The store never gets the request: it hangs in front of the store, unanswered.
		StubMapping hang = STORE.wireMock()
			.stubFor(post(urlPathMatching(".*/customers")).atPriority(10)
				.willReturn(aResponse().withStatus(503).withFixedDelay(60_000)));

		long execution = killCustomerExportWhen(
				() -> !STORE.wireMock().findAll(postRequestedFor(urlPathMatching(".*/customers"))).isEmpty());
		STORE.wireMock().removeStub(hang);
		assertThat(STORE.customers()).as("nothing was sent").isEmpty();

		recoverAndRestart(execution);
	}

	@Test
	void killedAfterTheStoreCreatedTheCustomersButBeforeTheChunkCommitted() throws Exception {
		StubMapping lateAnswer = STORE.wireMock()
			.stubFor(post(urlPathMatching(".*/customers")).atPriority(10)
				.willReturn(aResponse().proxiedFrom(STORE.sandboxOrigin()).withFixedDelay(60_000)));

		long execution = killCustomerExportWhen(() -> STORE.customers().size() == EXPORTED.size());
		STORE.wireMock().removeStub(lateAnswer);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sync_record WHERE external_id IS NOT NULL", Integer.class))
			.as("no external id was committed")
			.isZero();

		recoverAndRestart(execution);
	}

	@Test
	void killedAfterTheStoreCreatedTheCustomersAndTheirEmailsChangedBeforeTheRestart() throws Exception {
		StubMapping lateAnswer = STORE.wireMock()
			.stubFor(post(urlPathMatching(".*/customers")).atPriority(10)
				.willReturn(aResponse().proxiedFrom(STORE.sandboxOrigin()).withFixedDelay(60_000)));
		long execution = killCustomerExportWhen(() -> STORE.customers().size() == EXPORTED.size());
		STORE.wireMock().removeStub(lateAnswer);

		// While the engine is down, ERP users change every one of those emails.
		ErpDatabase erp = new ErpDatabase(database);
		List<String> changed = new ArrayList<>();
		for (String customer : List.of("FRUITICO", "JAMIFIQUE", "MARMALADO")) {
			String email = customer.toLowerCase() + "@changed.example";
			erp.editCustomer(customer, "Email", email, LocalDateTime.of(2026, 11, 3, 8, 0));
			changed.add(email);
		}

		recoverAndRestart(execution, changed);
	}

	@Test
	void killedWhileWritingTheOutcomesToTheSyncHistory() throws Exception {
		StubMapping slowAnswer = STORE.wireMock()
			.stubFor(post(urlPathMatching(".*/customers")).atPriority(10)
				.willReturn(aResponse().proxiedFrom(STORE.sandboxOrigin()).withFixedDelay(1_500)));
		try (Connection blocker = database.getConnection()) {
			blocker.setAutoCommit(false);
			Process run = syncbatch.start(JarOnMariaDb.args("run", "customer-export"));
			drill.await(run,
					() -> !STORE.wireMock().findAll(postRequestedFor(urlPathMatching(".*/customers"))).isEmpty());
			// Hold the sync history (on an empty table, the lock on its end blocks every
			// insert), so the job's outcomes wait on it when the store answers.
			try (var lock = blocker.createStatement()) {
				lock.executeQuery("SELECT * FROM sync_record FOR UPDATE").close();
			}
			// MariaDB 10.11 reports such a wait as a RUNNING transaction, so watch the
			// statement itself: on MySQL the outcomes are one upsert.
			drill.await(run, () -> jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
					+ " WHERE INFO LIKE 'INSERT INTO sync_record (store, entity, erp_id, external_id,%' AND TIME >= 1",
					Integer.class) > 0);
			CrashDrill.kill(run);
			blocker.rollback();
		}
		STORE.wireMock().removeStub(slowAnswer);
		assertThat(STORE.customers()).as("the store had accepted them").hasSize(EXPORTED.size());

		recoverAndRestart(drill.lastExecution());
	}

	/**
	 * The worst moment of an import: each store customer is in the ERP, bound there to
	 * its store id in its own committed ERP transaction, and the chunk that would record
	 * them in the sync history has not committed. The restart imports them again, finds
	 * the ERP's bindings and updates instead of inserting: one ERP customer each.
	 */
	@Test
	void killedAfterTheErpCommittedImportedCustomersBeforeTheirHistoryCommitted() throws Exception {
		BigCommerceStoreFixture store = new BigCommerceStoreFixture(STORE);
		List<String> shoppers = List.of("gina.baker@sunnyside.example", "liam.chen@mail.example");
		for (String email : shoppers) {
			store.createCustomer(Map.of("email", email, "first_name", email.substring(0, 4), "last_name", "Shopper"));
		}

		long execution = killWhileTheImportsHistoryWaits("customer-import");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BCSyncStatus", Integer.class))
			.as("the ERP had committed both, bound to their store ids")
			.isEqualTo(2);

		recoverAndRestart(execution, () -> {
			for (String email : shoppers) {
				assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM Customer WHERE Email = ?", Integer.class, email))
					.as("one ERP customer for " + email)
					.isEqualTo(1);
				assertThat(jdbc.queryForMap("SELECT r.status, r.last_operation FROM sync_record r JOIN Customer c"
						+ " ON c.CustomerID = r.erp_id WHERE c.Email = ?", email))
					.containsEntry("status", "PROCESSED")
					.containsEntry("last_operation", "INSERTED_LOCALLY");
			}
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sync_prepared", Integer.class)).isZero();
		});
	}

	/**
	 * The same for an order placed in the store: the ERP has committed the order and its
	 * lines, the history has not; the restart finds the order by its binding, and there
	 * is one ERP order with its two lines.
	 */
	@Test
	void killedAfterTheErpCommittedAnImportedOrderBeforeItsHistoryCommitted() throws Exception {
		BigCommerceStoreFixture store = new BigCommerceStoreFixture(STORE);
		String gina = store.createCustomer(
				Map.of("email", "gina.baker@sunnyside.example", "first_name", "Gina", "last_name", "Baker"));
		String order = store.placeOrder(gina,
				List.of(Map.of("sku", "JAM-STRAW", "name", "Strawberry jam", "quantity", 2, "price_ex_tax", 6.5),
						Map.of("sku", "COFFEE-HOUSE", "name", "House blend", "quantity", 1, "price_ex_tax", 24)),
				Map.of("first_name", "Gina", "last_name", "Baker", "email", "gina@mail.example", "street_1",
						"12 Baker Street", "city", "Springfield", "state", "Illinois", "zip", "62701", "country",
						"United States", "country_iso2", "US"));
		var customers = syncbatch.run(JarOnMariaDb.args("run", "customer-import"));
		assertThat(customers.exitCode()).as(customers.toString()).isZero();

		long execution = killWhileTheImportsHistoryWaits("sales-order-import");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SOOrder WHERE CustomerOrderNbr = ?", Integer.class,
				"BC" + order))
			.as("the ERP had committed the order")
			.isEqualTo(1);

		recoverAndRestart(execution, () -> {
			assertThat(jdbc.queryForList("SELECT OrderNbr FROM SOOrder WHERE CustomerOrderNbr = ?", String.class,
					"BC" + order))
				.as("one ERP order")
				.singleElement()
				.satisfies(orderNbr -> assertThat(
						jdbc.queryForObject("SELECT COUNT(*) FROM SOLine WHERE OrderNbr = ?", Integer.class, orderNbr))
					.as("its two lines, once")
					.isEqualTo(2));
			assertThat(jdbc.queryForMap("SELECT status, last_operation FROM sync_record WHERE entity = 'sales-order'"
					+ " AND external_id = ?", order))
				.containsEntry("status", "PROCESSED")
				.containsEntry("last_operation", "INSERTED_LOCALLY");
		});
	}

	/**
	 * Runs the import and kills it when its outcomes wait on a lock of the sync history
	 * (held here; on an empty table the lock on its end blocks every insert): by then the
	 * ERP has committed each record in a transaction of its own.
	 */
	private long killWhileTheImportsHistoryWaits(String job) throws Exception {
		try (Connection blocker = database.getConnection()) {
			blocker.setAutoCommit(false);
			try (var lock = blocker.createStatement()) {
				lock.executeQuery("SELECT * FROM sync_record WHERE entity = '" + job.substring(0, job.lastIndexOf('-'))
						+ "' FOR UPDATE")
					.close();
			}
			Process run = syncbatch.start(JarOnMariaDb.args("run", job));
			drill.await(run, () -> jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
					+ " WHERE INFO LIKE 'INSERT INTO sync_record (store, entity, erp_id, external_id,%' AND TIME >= 1",
					Integer.class) > 0);
			CrashDrill.kill(run);
			blocker.rollback();
		}
		assertThat(
				jdbc.queryForObject("SELECT COUNT(*) FROM sync_record WHERE entity = ? AND last_direction = 'import'",
						Integer.class, job.substring(0, job.lastIndexOf('-'))))
			.as("the history recorded nothing of the import")
			.isZero();
		return drill.lastExecution();
	}

	@Test
	void killedAndLaunchedAgainWithoutRecoverOnceItsLeaseExpired() throws Exception {
		StubMapping lateAnswer = STORE.wireMock()
			.stubFor(post(urlPathMatching(".*/customers")).atPriority(10)
				.willReturn(aResponse().proxiedFrom(STORE.sandboxOrigin()).withFixedDelay(60_000)));
		long killed = killCustomerExportWhen(() -> STORE.customers().size() == EXPORTED.size(),
				"--syncbatch.lease.duration=4s", "--syncbatch.lease.renew-period=1s");
		STORE.wireMock().removeStub(lateAnswer);
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (jdbc.queryForObject("SELECT COUNT(*) FROM sync_run_lock WHERE lease_expires_at > LOCALTIMESTAMP(3)",
				Integer.class) > 0) {
			assertThat(Instant.now()).as("the killed run's lease expired").isBefore(deadline);
			Thread.sleep(200);
		}

		var launched = syncbatch.run(JarOnMariaDb.args("run", "customer-export"));

		assertThat(launched.exitCode()).as(launched.toString()).isZero();
		assertThat(jdbc.queryForMap("SELECT STATUS, EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				killed))
			.containsEntry("STATUS", "FAILED")
			.hasEntrySatisfying("EXIT_MESSAGE",
					message -> assertThat((String) message).startsWith("the process running it (")
						.contains("stopped renewing its lease at")
						.endsWith("recovered automatically"));
		assertExportedOnce(EXPORTED);
	}

	private long killCustomerExportWhen(BooleanSupplier ready, String... options) throws Exception {
		String[] command = new String[options.length + 2];
		command[0] = "run";
		command[1] = "customer-export";
		System.arraycopy(options, 0, command, 2, options.length);
		return drill.killWhen(ready, command);
	}

	private void recoverAndRestart(long execution) throws Exception {
		recoverAndRestart(execution, EXPORTED);
	}

	/**
	 * @param emails the store customers' emails afterwards, FRUITICO's, JAMIFIQUE's,
	 * MARMALADO's
	 */
	private void recoverAndRestart(long execution, List<String> emails) throws Exception {
		recoverAndRestart(execution, () -> assertExportedOnce(emails));
	}

	private void recoverAndRestart(long execution, Runnable then) throws Exception {
		drill.recoverAndRestart(execution);
		then.run();
	}

	private void assertExportedOnce(List<String> emails) {
		List<Map<String, Object>> inStore = STORE.customers();
		assertThat(inStore).extracting(customer -> customer.get("email"))
			.as("every eligible customer exactly once")
			.containsExactlyInAnyOrderElementsOf(emails);
		Map<String, String> externalIds = Map.of("FRUITICO", id(inStore, emails.get(0)), "JAMIFIQUE",
				id(inStore, emails.get(1)), "MARMALADO", id(inStore, emails.get(2)));
		externalIds.forEach((erpId,
				storeId) -> assertThat(
						jdbc.queryForMap("SELECT status, external_id FROM sync_record WHERE erp_id = ?", erpId))
					.containsEntry("status", "PROCESSED")
					.containsEntry("external_id", storeId));
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sync_prepared", Integer.class))
			.as("nothing waits any more")
			.isZero();
	}

	private static String id(List<Map<String, Object>> customers, String email) {
		return customers.stream()
			.filter(customer -> email.equals(customer.get("email")))
			.map(customer -> String.valueOf(customer.get("id")))
			.findFirst()
			.orElseThrow();
	}

}
