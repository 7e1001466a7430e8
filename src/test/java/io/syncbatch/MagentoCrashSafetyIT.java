package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static io.syncbatch.testsupport.StoreFixture.Resource.SHIPMENTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.syncbatch.testsupport.CrashDrill;
import io.syncbatch.testsupport.ErpDatabase;
import io.syncbatch.testsupport.JarOnMariaDb;
import io.syncbatch.testsupport.MagentoStoreFixture;
import io.syncbatch.testsupport.MariaDbCondition;
import io.syncbatch.testsupport.MariaDbSuite;
import io.syncbatch.testsupport.StoreFixture;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * Nothing lost, nothing duplicated, when the process dies while it writes to a Magento
 * store. Magento creates one customer a request and they go out at once, so a kill after
 * Magento created them leaves three creates whose answers were lost: the packaged jar
 * runs the customer export on MariaDB against the Magento sandbox (each request signed
 * and contract-checked), is killed with SIGKILL once Magento has the customers, and the
 * operator recovers and restarts the execution; every customer is in Magento once,
 * PROCESSED in the history under its Magento id. The same for a shipment of an imported
 * order: Magento would ship the order twice.
 */
@MariaDbSuite
class MagentoCrashSafetyIT {

	@RegisterExtension
	static final StoreFixture STORE = MagentoStoreFixture.shared();

	private static final Map<String, String> EXPORTED = Map.of("FRUITICO", "info@fruitico.example", "JAMIFIQUE",
			"orders@jamifique.example", "MARMALADO", "hello@marmalado.example");

	@TempDir
	Path workDir;

	private final DriverManagerDataSource database = new DriverManagerDataSource(MariaDbCondition.jdbcUrl());

	private final JdbcTemplate jdbc = new JdbcTemplate(database);

	private CrashDrill drill;

	@BeforeEach
	void givenTheDemoCompanyAndEmptySyncState() throws Exception {
		drill = new CrashDrill(JarOnMariaDb.process(workDir, STORE), jdbc, JarOnMariaDb::args);
		// Any command migrates the sync database first.
		assertThat(drill.run("jobs").exitCode()).isZero();
		JarOnMariaDb.emptySyncState(jdbc);
		new ErpDatabase(database).reset();
	}

	@Test
	void killedAfterMagentoCreatedTheCustomersButBeforeTheChunkCommitted() throws Exception {
		StoreFixture.InjectedFault lateAnswers = STORE.failAll(creating(CUSTOMERS),
				StoreFault.answerAfter(Duration.ofSeconds(60)));
		long execution = drill.killWhen(() -> STORE.customers().size() == EXPORTED.size(), "run", "customer-export");
		lateAnswers.remove();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sync_record WHERE external_id IS NOT NULL", Integer.class))
			.as("no Magento id was committed")
			.isZero();

		drill.recoverAndRestart(execution);

		assertExportedOnce(EXPORTED);
	}

	@Test
	void killedAfterMagentoCreatedTheCustomersAndTheirEmailsChangedBeforeTheRestart() throws Exception {
		StoreFixture.InjectedFault lateAnswers = STORE.failAll(creating(CUSTOMERS),
				StoreFault.answerAfter(Duration.ofSeconds(60)));
		long execution = drill.killWhen(() -> STORE.customers().size() == EXPORTED.size(), "run", "customer-export");
		lateAnswers.remove();
		// While the engine is down, ERP users change every one of those emails.
		ErpDatabase erp = new ErpDatabase(database);
		for (String customer : EXPORTED.keySet()) {
			erp.editCustomer(customer, "Email", customer.toLowerCase() + "@changed.example",
					LocalDateTime.of(2026, 11, 3, 8, 0));
		}

		drill.recoverAndRestart(execution);

		assertExportedOnce(Map.of("FRUITICO", "fruitico@changed.example", "JAMIFIQUE", "jamifique@changed.example",
				"MARMALADO", "marmalado@changed.example"));
	}

	@Test
	void killedAfterMagentoShippedTheOrderButBeforeTheChunkCommitted() throws Exception {
		assertThat(drill.run("run", "customer-export").exitCode()).isZero();
		String fruitico = jdbc.queryForObject(
				"SELECT external_id FROM sync_record WHERE entity = 'customer' AND erp_id = 'FRUITICO'", String.class);
		String order = STORE.placeOrder(fruitico, MagentoOrderScenariosTest.JAM_AND_COFFEE,
				MagentoOrderScenariosTest.billing());
		assertThat(drill.run("run", "sales-order-import").exitCode()).isZero();
		MagentoOrderScenariosTest.shipWeb000001(jdbc);
		StoreFixture.InjectedFault lateAnswer = STORE.failAll(creating(SHIPMENTS),
				StoreFault.answerAfter(Duration.ofSeconds(60)));
		long execution = drill.killWhen(() -> STORE.shipments().size() == 1, "run", "shipment-export");
		lateAnswer.remove();

		drill.recoverAndRestart(execution);

		assertThat(STORE.shipments()).as("Magento would ship the order twice").singleElement().satisfies(shipment -> {
			assertThat(String.valueOf(shipment.get("order_id"))).isEqualTo(order);
			assertThat(jdbc.queryForMap(
					"SELECT status, external_id FROM sync_record WHERE entity = 'shipment' AND erp_id = 'SH000301'"))
				.containsEntry("status", "PROCESSED")
				.containsEntry("external_id", String.valueOf(shipment.get("entity_id")));
		});
	}

	/** Each ERP customer is one Magento customer, with this email, bound to its id. */
	private void assertExportedOnce(Map<String, String> emails) {
		List<Map<String, Object>> inStore = STORE.customers();
		assertThat(inStore).extracting(customer -> customer.get("email"))
			.as("every eligible customer exactly once")
			.containsExactlyInAnyOrderElementsOf(emails.values());
		emails.forEach((erpId, email) -> {
			String storeId = inStore.stream()
				.filter(customer -> email.equals(customer.get("email")))
				.map(customer -> String.valueOf(customer.get("id")))
				.findFirst()
				.orElseThrow();
			assertThat(jdbc.queryForMap(
					"SELECT status, external_id FROM sync_record WHERE entity = 'customer' AND erp_id = ?", erpId))
				.containsEntry("status", "PROCESSED")
				.containsEntry("external_id", storeId);
		});
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sync_prepared", Integer.class))
			.as("nothing waits any more")
			.isZero();
	}

}
