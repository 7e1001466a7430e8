package io.syncbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.util.LinkedCaseInsensitiveMap;

import io.syncbatch.definition.SyncDirection;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.RunSummary;

/**
 * Customer addresses imported as customer locations: given the demo company and Gina
 * Baker, who signed up in the store and was imported as a customer, when she adds an
 * address and customer-location-import runs, then her ERP customer has a location keyed
 * BC and the address's store id, with its lines, city, state, postal code, country and
 * phone, bound in the history as the generic inquiry names it ({@code EC00004:BC1}).
 */
class CustomerLocationImportScenariosTest extends BigCommerceScenario {

	String gina;

	String ginaInErp;

	@BeforeEach
	void givenGinaImportedFromTheStore() throws Exception {
		gina = store().createCustomer(Map.of("email", "gina.baker@sunnyside.example", "first_name", "Gina", "last_name",
				"Baker", "company", "Sunny Side Bakery"));
		assertThat(run("customer-import").inserted()).isEqualTo(1);
		ginaInErp = erp.customerIdOf("gina.baker@sunnyside.example");
	}

	@Test
	void anAddressAddedInTheStoreBecomesALocationOfTheErpCustomer() throws Exception {
		String bakery = store().addAddress(gina, bakery());

		RunSummary imported = run("customer-location-import");

		assertThat(imported.inserted()).isEqualTo(1);
		assertThat(location(ginaInErp, "BC" + bakery)).containsEntry("Descr", "Sunny Side Bakery")
			.containsEntry("AddressLine1", "12 Baker Street")
			.containsEntry("AddressLine2", "Back door")
			.containsEntry("City", "Springfield")
			.containsEntry("State", "Illinois")
			.containsEntry("PostalCode", "62701")
			.containsEntry("CountryID", "US")
			.containsEntry("Phone1", "+1 555 0142");
		assertThat(((Number) location(ginaInErp, "BC" + bakery).get("IsActive")).intValue()).as("a default")
			.isEqualTo(1);
		SyncRecord line = addresses().get(bakery);
		assertThat(line.erpId()).as("as the generic inquiry names it").isEqualTo(ginaInErp + ":BC" + bakery);
		assertThat(line.status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(line.lastOperation()).isEqualTo(LastOperation.INSERTED_LOCALLY);
		assertThat(line.lastDirection()).isEqualTo(SyncDirection.IMPORT);
	}

	@Test
	void anImportedLocationIsNotExportedBack() throws Exception {
		store().addAddress(gina, bakery());
		run("customer-location-import");
		long storeWrites = store().writes();

		RunSummary exported = run("customer-location-export");

		assertThat(exported.status()).isEqualTo("COMPLETED");
		assertThat(store().addresses()).as("Gina's one address, nothing more").hasSize(1);
		assertThat(store().writes()).isEqualTo(storeWrites);
		assertThat(run("customer-location-import").prepared()).isZero();
	}

	@Test
	void everyRunReadsEveryAddressAndOnlyAChangedOneIsWrittenAndACleanedLineIsCleared() throws Exception {
		String bakery = store().addAddress(gina, bakery());
		String home = store().addAddress(gina,
				Map.of("first_name", "Gina", "last_name", "Baker", "address1", "3 Elm Row", "city", "Springfield",
						"state_or_province", "Illinois", "postal_code", "62704", "country_code", "US"));
		run("customer-location-import");
		Object homeWritten = location(ginaInErp, "BC" + home).get("LastModifiedDateTime");

		RunSummary unchanged = run("customer-location-import");
		store().editAddress(bakery, Map.of("address2", "", "postal_code", "62702"));
		RunSummary edited = run("customer-location-import");

		assertThat(unchanged.read()).as("no modification date: every address is read").isEqualTo(2);
		assertThat(unchanged.prepared()).as("and none changed").isZero();
		assertThat(edited.updated()).isEqualTo(1);
		assertThat(location(ginaInErp, "BC" + bakery)).containsEntry("AddressLine2", null)
			.containsEntry("PostalCode", "62702");
		assertThat(location(ginaInErp, "BC" + home).get("LastModifiedDateTime")).as("not written again")
			.isEqualTo(homeWritten);
	}

	@Test
	void anAddressOfACustomerNotInTheErpWaitsHeldAndGoesOnceTheCustomerIs() throws Exception {
		String liam = store()
			.createCustomer(Map.of("email", "liam.chen@mail.example", "first_name", "Liam", "last_name", "Chen"));
		String liamsAddress = store().addAddress(liam,
				Map.of("first_name", "Liam", "last_name", "Chen", "address1", "8 Harbour Road", "city", "Portland",
						"state_or_province", "Oregon", "postal_code", "97201", "country_code", "US"));

		RunSummary waiting = run("customer-location-import");
		run("customer-import");
		RunSummary after = run("customer-location-import");

		assertThat(waiting.held()).isEqualTo(1);
		assertThat(after.inserted()).isEqualTo(1);
		assertThat(location(erp.customerIdOf("liam.chen@mail.example"), "BC" + liamsAddress))
			.containsEntry("Descr", "Liam Chen")
			.containsEntry("City", "Portland");
	}

	@Test
	void anAddressDeletedInTheStoreIsSeenByAFullImportAndTheLocationIsKept() throws Exception {
		String bakery = store().addAddress(gina, bakery());
		run("customer-location-import");
		store().deleteAddress(bakery);

		RunSummary full = RunSummary.of(jobs.launch("customer-location-import", Map.of("mode", "full")));

		assertThat(full.deleted()).isEqualTo(1);
		assertThat(addresses().get(bakery).status()).isEqualTo(SyncStatus.DELETED);
		assertThat(location(ginaInErp, "BC" + bakery)).as("the ERP keeps its location").isNotEmpty();
	}

	@Test
	void locationsTheErpExportedAreNotImportedBack() throws Exception {
		run("customer-export");
		RunSummary exported = run("customer-location-export");
		assertThat(exported.inserted()).isPositive();
		int locationsBefore = locations();

		RunSummary imported = run("customer-location-import");

		assertThat(imported.read()).isEqualTo(exported.inserted());
		assertThat(imported.prepared()).as("the store's addresses are what the export sent").isZero();
		assertThat(locations()).isEqualTo(locationsBefore);
	}

	@Test
	void aRunSelectingAddressesByModificationDateIsRefusedInASentence() {
		store().addAddress(gina, bakery());
		long executions = state.jobExecutionCount();

		assertThatThrownBy(() -> jobs.launch("customer-location-import", Map.of("modifiedFrom", "2026-01-01T00:00")))
			.isInstanceOf(InvalidJobParametersException.class)
			.hasMessage("job customer-location-import: store '" + storeName() + "' keeps no modification date for its"
					+ " customer-addresses, so modifiedFrom and modifiedTo cannot select them: run without them"
					+ " (every run reads them all and imports the changed ones), or with ids");
		assertThat(state.jobExecutionCount()).as("nothing launched").isEqualTo(executions);
		assertThat(locations(ginaInErp)).isZero();
	}

	private static Map<String, Object> bakery() {
		Map<String, Object> address = new LinkedHashMap<>();
		address.put("first_name", "Gina");
		address.put("last_name", "Baker");
		address.put("company", "Sunny Side Bakery");
		address.put("address1", "12 Baker Street");
		address.put("address2", "Back door");
		address.put("city", "Springfield");
		address.put("state_or_province", "Illinois");
		address.put("postal_code", "62701");
		address.put("country_code", "US");
		address.put("phone", "+1 555 0142");
		return address;
	}

	private RunSummary run(String job) throws Exception {
		return RunSummary.of(jobs.launch(job, Map.of()));
	}

	private Map<String, SyncRecord> addresses() {
		return records.history(storeName(), "customer-location", null)
			.stream()
			.filter(record -> record.externalId() != null)
			.collect(Collectors.toMap(SyncRecord::externalId, Function.identity()));
	}

	private Map<String, Object> location(String customerId, String locationCd) {
		Map<String, Object> row = new LinkedCaseInsensitiveMap<>();
		List<Map<String, Object>> found = erp.jdbc()
			.queryForList("SELECT * FROM Location WHERE CompanyID = 2 AND CustomerID = ? AND LocationCD = ?",
					customerId, locationCd);
		if (!found.isEmpty()) {
			row.putAll(found.get(0));
		}
		return row;
	}

	private int locations() {
		return erp.jdbc().queryForObject("SELECT COUNT(*) FROM Location", Integer.class);
	}

	private int locations(String customerId) {
		return erp.jdbc()
			.queryForObject("SELECT COUNT(*) FROM Location WHERE CustomerID = ?", Integer.class, customerId);
	}

}
