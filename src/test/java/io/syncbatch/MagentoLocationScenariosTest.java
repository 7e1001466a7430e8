package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.updating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.RunSummary;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * Customer locations with a Magento store, which keeps them as its customers' addresses:
 * each is written by saving its customer, in Magento's shape (street lines, the state as
 * the country's region), and found again among the customer's addresses rather than added
 * twice.
 */
class MagentoLocationScenariosTest extends MagentoScenario {

	@Test
	void locationsBecomeTheirCustomersAddressesInMagentosShape() throws Exception {
		run("customer-export");

		RunSummary locations = run("customer-location-export");

		Map<String, SyncRecord> history = locations();
		assertThat(history.get("FRUITICO:MAIN").status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(history.get("JAMIFIQUE:MAIN").status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(history.get("JAMIFIQUE:FACTORY").status()).as("Magento requires a telephone")
			.isEqualTo(SyncStatus.FAILED);
		assertThat(history.get("JAMIFIQUE:FACTORY").lastError()).contains("\"telephone\" is required");
		assertThat(history.get("ORCHARDCO:MAIN").status()).as("its customer is not in the store")
			.isEqualTo(SyncStatus.HELD);
		assertThat(locations.inserted()).isEqualTo(2);
		List<Map<String, Object>> fruiticos = addressesOf("info@fruitico.example");
		assertThat(fruiticos).singleElement().satisfies(address -> {
			assertThat(address).containsEntry("street", List.of("25 Broadway"))
				.containsEntry("city", "New York")
				.containsEntry("postcode", "10004")
				.containsEntry("country_id", "US")
				.containsEntry("telephone", "+1 212 555 0148")
				.containsEntry("company", "Fruitico Coffee and Cakes");
			assertThat(address.get("region"))
				.isEqualTo(Map.of("region_code", "NY", "region", "New York", "region_id", 33));
			assertThat(String.valueOf(address.get("id"))).isEqualTo(history.get("FRUITICO:MAIN").externalId());
		});
		assertThat(addressesOf("orders@jamifique.example")).singleElement()
			.satisfies(address -> assertThat(address).containsEntry("street", List.of("401 Park Ave S", "Floor 2")));
	}

	@Test
	void anErpEditChangesTheSameAddressAndRunAgainNothingSentIsSentAgain() throws Exception {
		run("customer-export");
		run("customer-location-export");
		String id = locations().get("FRUITICO:MAIN").externalId();
		store().forgetRequests();
		assertThat(run("customer-location-export").prepared()).isZero();
		assertThat(store().requests(updating(CUSTOMERS))).as("only the location Magento refused is tried again")
			.allSatisfy(request -> assertThat(request.body()).contains("88 Industrial Way"));

		erp.jdbc()
			.update("UPDATE Location SET AddressLine1 = '27 Broadway', LastModifiedDateTime = ?"
					+ " WHERE CompanyID = 2 AND CustomerID = 'FRUITICO' AND LocationCD = 'MAIN'",
					Timestamp.valueOf(LocalDateTime.now()));
		RunSummary edited = run("customer-location-export");

		assertThat(edited.updated()).isEqualTo(1);
		assertThat(addressesOf("info@fruitico.example")).singleElement().satisfies(address -> {
			assertThat(address).containsEntry("street", List.of("27 Broadway"));
			assertThat(String.valueOf(address.get("id"))).isEqualTo(id);
		});
	}

	@Test
	void aSaveWhoseAnswerWasLostHasAddedTheAddressWhichIsFoundAgainNotAddedTwice() throws Exception {
		run("customer-export");
		store().failFirst(updating(CUSTOMERS), StoreFault.answerAfter(Duration.ofMillis(4_000)));

		RunSummary locations = run("customer-location-export");

		assertThat(locations.status()).isEqualTo("COMPLETED");
		assertThat(addressesOf("info@fruitico.example")).hasSize(1);
		assertThat(addressesOf("orders@jamifique.example")).hasSize(1);
		assertThat(locations().get("FRUITICO:MAIN").status()).isEqualTo(SyncStatus.PROCESSED);
	}

	private RunSummary run(String job) throws Exception {
		return RunSummary.of(jobs.launch(job, Map.of()));
	}

	private Map<String, SyncRecord> locations() {
		return records.history(storeName(), "customer-location", null)
			.stream()
			.collect(Collectors.toMap(SyncRecord::erpId, record -> record));
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> addressesOf(String email) {
		return store().customers()
			.stream()
			.filter(customer -> email.equals(customer.get("email")))
			.map(customer -> (List<Map<String, Object>>) customer.get("addresses"))
			.findFirst()
			.orElseThrow();
	}

}
