package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Requests.reading;
import static io.syncbatch.testsupport.StoreFixture.Requests.updating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.Platform;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.definition.DefinitionException;
import io.syncbatch.definition.Definitions;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.RunSummary;
import io.syncbatch.ops.BatchProcesses;
import io.syncbatch.testsupport.ProjectDefinitions;
import io.syncbatch.testsupport.StoreFixture.SentRequest;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * The customer walkthrough with a Magento store: the same definition, the same ERP and
 * the same history, through Magento's admin REST API. Every request is signed with the
 * integration's OAuth 1.0a credentials (the sandbox refuses one that is not) and checked
 * against Adobe's published admin schema.
 */
class MagentoCustomerScenariosTest extends MagentoScenario {

	@Autowired
	SyncbatchProperties properties;

	@Autowired
	BatchProcesses batch;

	@Autowired
	List<Platform> platforms;

	@Test
	void theCommerceCustomersReachMagentoUnderMagentosNamesWithPhoneAndCompanyLeftToTheAddresses() throws Exception {
		RunSummary run = launch(Map.of());

		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(run.prepared()).isEqualTo(8);
		assertThat(run.inserted()).isEqualTo(3);
		assertThat(run.filtered()).isEqualTo(4);
		assertThat(run.failed()).isEqualTo(1);
		Map<String, Map<String, Object>> inStore = storeCustomersByEmail();
		assertThat(inStore).containsOnlyKeys("info@fruitico.example", "orders@jamifique.example",
				"hello@marmalado.example");
		assertThat(inStore.get("orders@jamifique.example")).containsEntry("firstname", "Colleen")
			.containsEntry("lastname", "Plunkett")
			.doesNotContainKeys("first_name", "phone", "company");
		SyncRecord fruitico = history().get("FRUITICO");
		assertThat(fruitico.status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(fruitico.lastOperation()).isEqualTo(LastOperation.INSERTED_EXTERNALLY);
		assertThat(fruitico.externalId()).isEqualTo(String.valueOf(inStore.get("info@fruitico.example").get("id")));
		assertThat(store().requests(creating(CUSTOMERS))).as("Magento creates one customer a request")
			.hasSize(3)
			.allSatisfy(request -> assertThat(request.headers().get("authorization")).startsWith("OAuth ")
				.contains("oauth_signature_method=\"HMAC-SHA256\""));
	}

	@Test
	void anErpEditIsPutOntoTheSameMagentoCustomer() throws Exception {
		launch(Map.of());
		String id = history().get("JAMIFIQUE").externalId();
		erp.editCustomer("JAMIFIQUE", "AcctName", "Jamifique Preserves", LocalDateTime.now());
		store().forgetRequests();

		RunSummary again = launch(Map.of());

		assertThat(again.updated()).isEqualTo(1);
		List<SentRequest> puts = store().requests(updating(CUSTOMERS));
		assertThat(puts).hasSize(1);
		assertThat(puts.get(0).body()).contains("\"id\":" + id).contains("\"email\":\"orders@jamifique.example\"");
		assertThat(store().customers()).hasSize(3);
		assertThat(history().get("JAMIFIQUE").lastOperation()).isEqualTo(LastOperation.UPDATED_EXTERNALLY);
	}

	@Test
	void aCustomerMagentoAlreadyHasIsFoundByEmailAndUpdatedNotCreatedTwice() throws Exception {
		String existing = store().createCustomer("info@fruitico.example", "Old", "Name");
		store().forgetRequests();

		RunSummary run = launch(Map.of());

		assertThat(run.inserted()).isEqualTo(2);
		assertThat(run.updated()).isEqualTo(1);
		assertThat(store().customers()).hasSize(3);
		assertThat(history().get("FRUITICO").externalId()).isEqualTo(existing);
		assertThat(storeCustomersByEmail().get("info@fruitico.example")).containsEntry("firstname", "Fruitico");
		assertThat(store().requests(reading(CUSTOMERS))).as("looked up by email after Magento refused the create")
			.isNotEmpty();
	}

	@Test
	void aCreateWhoseAnswerWasLostIsFoundAgainAndNotMadeTwice() throws Exception {
		// Magento creates the customer, but its answer comes after the client gave up
		// (timeout 2 s): the retried upsert looks the journaled email up.
		store().failFirst(creating(CUSTOMERS), StoreFault.answerAfter(Duration.ofMillis(4_000)));

		RunSummary run = launch(Map.of());

		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(store().customers()).as("no duplicate customers").hasSize(3);
		assertThat(history().values()
			.stream()
			.filter(record -> record.status() == SyncStatus.PROCESSED)
			.map(SyncRecord::externalId)
			.distinct()).hasSize(3);
	}

	@Test
	void a429IsWaitedOutForAsLongAsMagentosRetryAfterSays() throws Exception {
		store().failFirst(creating(CUSTOMERS), StoreFault.rateLimited(Duration.ofSeconds(1)));

		RunSummary run = launch(Map.of());

		// The three creates go out at once; the retry sends them again, and Magento
		// refuses the two it accepted the first time, which are then found by email and
		// updated.
		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(run.inserted() + run.updated()).isEqualTo(3);
		assertThat(store().customers()).hasSize(3);
		List<SentRequest> posts = store().requests(creating(CUSTOMERS));
		assertThat(posts.get(posts.size() - 1).after(posts.get(0))).as("retry delay is 1 ms; Retry-After asked for 1 s")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aWayAnEntityDoesNotGoOnMagentoIsRefusedWithItsLoadNamingWhy() throws Exception {
		assertThatThrownBy(() -> jobs.launch("customer-location-import", Map.of()))
			.isInstanceOf(DefinitionException.class)
			.hasMessageContaining("customer-location-import does not run on store '" + storeName()
					+ "': target.platforms.magento.direction says customer-location goes export only there");
		assertThatThrownBy(() -> batch.load("customer-location-import", null, Map.of(), 10))
			.as("Load lists nothing that Process would refuse to sync")
			.isInstanceOf(DefinitionException.class)
			.hasMessageContaining("customer-location-import does not run on store");
		assertThat(store().requests()).as("nothing read").isEmpty();
	}

	@Test
	void aCustomerWhoSignedUpInMagentoIsImportedNamedAfterTheirBillingCompanyOrThemselves() throws Exception {
		store().createCustomer("kim.lee@mail.example", "Kim", "Lee");
		Map<String, Object> gina = new java.util.LinkedHashMap<>();
		gina.put("email", "gina.baker@sunnyside.example");
		gina.put("firstname", "Gina");
		gina.put("lastname", "Baker");
		gina.put("addresses",
				List.of(Map.of("firstname", "Gina", "lastname", "Baker", "company", "Sunny Side Bakery", "street",
						List.of("12 Baker Street"), "city", "Springfield", "region_id", 14, "postcode", "62701",
						"country_id", "US", "telephone", "+1 555 0142", "default_billing", true)));
		store().createCustomer(gina);

		RunSummary imported = RunSummary.of(jobs.launch("customer-import", Map.of()));

		assertThat(imported.inserted()).isEqualTo(2);
		assertThat(erp.customer(erp.customerIdOf("kim.lee@mail.example"))).containsEntry("AcctName", "Kim Lee")
			.containsEntry("Phone1", null)
			.containsEntry("CustomerClassID", "ECCUSTOMER");
		assertThat(erp.customer(erp.customerIdOf("gina.baker@sunnyside.example")))
			.containsEntry("AcctName", "Sunny Side Bakery")
			.containsEntry("Phone1", "+1 555 0142");
	}

	@Test
	void anErpCustomerEditedInMagentoKeepsWhatMagentoDoesNotCarry() throws Exception {
		jobs.launch("customer-export", Map.of());
		Map<String, Object> before = erp.customer("FRUITICO");
		String id = history().get("FRUITICO").externalId();
		store().editCustomer(id,
				Map.of("email", "orders@fruitico.example", "addresses",
						List.of(Map.of("firstname", "Dana", "lastname", "Fruit", "street", List.of("25 Broadway"),
								"city", "New York", "region_id", 33, "postcode", "10004", "country_id", "US",
								"telephone", "+1 212 555 0199", "default_billing", true))));

		RunSummary imported = RunSummary.of(jobs.launch("customer-import", Map.of()));

		assertThat(imported.updated()).isEqualTo(1);
		assertThat(erp.customer("FRUITICO")).containsEntry("Email", "orders@fruitico.example")
			.as("Magento's billing address has another phone and no company: the ERP customer's stay the ERP's")
			.containsEntry("AcctName", before.get("AcctName"))
			.containsEntry("Phone1", before.get("Phone1"));
	}

	@Test
	void runAllRunsWhatMagentoCanTakeNamesWhatItLeavesOutAndLeavesTheErpAsItWas() throws Exception {
		Map<String, Object> fruitico = erp.customer("FRUITICO");
		Map<String, Object> jamifique = erp.customer("JAMIFIQUE");
		Map<String, String> skipped = new java.util.TreeMap<>();

		List<RunSummary> runs = jobs.launchAll(Map.of(), skipped::put).stream().map(RunSummary::of).toList();

		assertThat(runs).extracting(RunSummary::jobName)
			.containsExactly("category-export", "customer-export", "customer-import", "customer-location-export",
					"product-export", "sales-order-import", "invoice-export", "shipment-export", "order-status-export");
		assertThat(runs).extracting(RunSummary::status).containsOnly("COMPLETED");
		assertThat(skipped).containsOnly(
				Map.entry("sales-order-export", "sales-order goes import only on magento (jobs/sales-order.yml)"),
				Map.entry("customer-location-import",
						"customer-location goes export only on magento (jobs/customer-location.yml)"));
		assertThat(store().customers()).hasSize(3);
		assertThat(erp.customer("FRUITICO")).as("the ERP keeps its account names and phones").isEqualTo(fruitico);
		assertThat(erp.customer("JAMIFIQUE")).isEqualTo(jamifique);
	}

	@Test
	void aWayTheEntityDoesNotGoOnMagentoIsRefusedBeforeAnythingIsSent() {
		assertThatThrownBy(() -> jobs.launch("sales-order-export", Map.of())).isInstanceOf(DefinitionException.class)
			.hasMessage("jobs/sales-order.yml: sales-order-export does not run on store '" + storeName() + "':"
					+ " target.platforms.magento.direction says sales-order goes import only there");
		assertThat(store().requests()).isEmpty();
	}

	@Test
	void aPlatformADefinitionMisspellsStopsStartUpNamingIt(@TempDir Path jobsDir) throws Exception {
		String customer = Files.readString(Path.of("jobs/customer.yml"));
		Files.writeString(jobsDir.resolve("customer.yml"), customer.replace("    magento:\n", "    magneto:\n"));
		Definitions misspelt = ProjectDefinitions.load("file:" + jobsDir + "/*.yml");

		assertThatThrownBy(() -> new StoreConnectors(properties, platforms, environment, misspelt))
			.isInstanceOf(DefinitionException.class)
			.hasMessage("jobs/customer.yml: target.platforms.magneto: syncbatch has no platform 'magneto';"
					+ " platforms: [bigcommerce, magento]");
	}

}
