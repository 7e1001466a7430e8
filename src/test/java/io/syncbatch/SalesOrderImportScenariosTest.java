package io.syncbatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.syncbatch.definition.SyncDirection;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.RunSummary;

/**
 * Orders placed in the store, imported into the ERP: given the demo company and Gina
 * Baker, who signed up in the store and was imported as a customer, when she places an
 * order (2 × JAM-STRAW at 6.50 and 1 × COFFEE-HOUSE at 24.00) and sales-order-import
 * runs, then the ERP has a sales order of type SO numbered from sequence SOWEB
 * (WEB000001) for her ERP customer, with its lines by SKU, its billing address and its
 * total, bound in the history as the generic inquiry names it (SO-WEB000001).
 */
class SalesOrderImportScenariosTest extends BigCommerceScenario {

	static final List<Map<String, Object>> JAM_AND_COFFEE = List.of(
			line("JAM-STRAW", "Strawberry jam 250 g", 2, "6.50"),
			line("COFFEE-HOUSE", "House blend coffee 1 kg", 1, "24.00"));

	String gina;

	@BeforeEach
	void givenGinaImportedFromTheStore() throws Exception {
		gina = store().createCustomer(Map.of("email", "gina.baker@sunnyside.example", "first_name", "Gina", "last_name",
				"Baker", "company", "Sunny Side Bakery"));
		assertThat(run("customer-import").inserted()).isEqualTo(1);
	}

	@Test
	void anOrderPlacedInTheStoreBecomesAnErpSalesOrderWithItsLinesBySku() throws Exception {
		String order = store().placeOrder(gina, JAM_AND_COFFEE, billing("Gina", "Baker"));

		RunSummary imported = run("sales-order-import");

		assertThat(imported.inserted()).isEqualTo(1);
		Map<String, Object> row = erpOrder("WEB000001");
		assertThat(row).containsEntry("CustomerID", erp.customerIdOf("gina.baker@sunnyside.example"))
			.containsEntry("Status", "N")
			.containsEntry("CustomerOrderNbr", "BC" + order)
			.containsEntry("BillFirstName", "Gina")
			.containsEntry("BillCity", "Springfield")
			.containsEntry("BillPostalCode", "62701")
			.containsEntry("BillCountryID", "US")
			.containsEntry("LineCntr", 2);
		assertThat((BigDecimal) row.get("CuryOrderTotal")).isEqualByComparingTo("37.00");
		assertThat(erpLines("WEB000001"))
			.extracting(line -> line.get("InventoryCD"), line -> ((BigDecimal) line.get("OrderQty")).intValue(),
					line -> ((BigDecimal) line.get("CuryUnitPrice")).toPlainString())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("JAM-STRAW", 2, "6.500000"),
					org.assertj.core.groups.Tuple.tuple("COFFEE-HOUSE", 1, "24.000000"));
		SyncRecord line = orders().get(order);
		assertThat(line.erpId()).as("as the generic inquiry names it").isEqualTo("SO-WEB000001");
		assertThat(line.status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(line.lastOperation()).isEqualTo(LastOperation.INSERTED_LOCALLY);
		assertThat(line.lastDirection()).isEqualTo(SyncDirection.IMPORT);
	}

	@Test
	void anImportedOrderIsImportedOnceAndNotExportedBack() throws Exception {
		store().placeOrder(gina, JAM_AND_COFFEE, billing("Gina", "Baker"));
		run("sales-order-import");
		Object written = erpOrder("WEB000001").get("LastModifiedDateTime");
		long storeWrites = store().writes();

		RunSummary again = run("sales-order-import");
		RunSummary full = RunSummary.of(jobs.launch("sales-order-import", Map.of("mode", "full")));
		RunSummary exported = run("sales-order-export");

		assertThat(again.processed() + full.processed()).isZero();
		assertThat(erpOrder("WEB000001").get("LastModifiedDateTime")).as("not written again").isEqualTo(written);
		assertThat(erp.jdbc()
			.queryForObject("SELECT COUNT(*) FROM SOOrder WHERE CustomerOrderNbr LIKE 'BC%'", Integer.class))
			.isEqualTo(1);
		assertThat(exported.status()).isEqualTo("COMPLETED");
		assertThat(store().orders()).as("the imported order is the store's own; nothing more was sent").hasSize(1);
		assertThat(store().writes()).isEqualTo(storeWrites);
		assertThat(records.history(storeName(), "sales-order", null)
			.stream()
			.filter(record -> "SO-WEB000001".equals(record.erpId()))
			.findFirst()
			.orElseThrow()
			.lastDirection()).as("the import's line").isEqualTo(SyncDirection.IMPORT);
	}

	@Test
	void anOrderWhoseCustomerIsNotInTheErpWaitsHeldWithTheCustomersReasonAndGoesOnceItIs() throws Exception {
		String kim = store().createCustomer(Map.of("email", "kim@localhost", "first_name", "Kim", "last_name", "Lee"));
		String liam = store()
			.createCustomer(Map.of("email", "liam.chen@mail.example", "first_name", "Liam", "last_name", "Chen"));
		String kimsOrder = store().placeOrder(kim, JAM_AND_COFFEE, billing("Kim", "Lee"));
		String liamsOrder = store().placeOrder(liam, JAM_AND_COFFEE, billing("Liam", "Chen"));

		RunSummary waiting = run("sales-order-import");

		assertThat(waiting.held()).isEqualTo(2);
		assertThat(orders().get(liamsOrder).lastError()).isEqualTo("sales-order " + liamsOrder + " (store order "
				+ liamsOrder + ") held: CustomerID: waiting for the store's customer " + liam
				+ " to be in the ERP: it has not been imported from store '" + storeName() + "' yet");
		run("customer-import");
		assertThat(orders().get(kimsOrder).status()).isEqualTo(SyncStatus.HELD);
		RunSummary after = run("sales-order-import");
		assertThat(after.inserted()).as("Liam's order, once Liam is in the ERP").isEqualTo(1);
		assertThat(orders().get(liamsOrder).status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(orders().get(kimsOrder).lastError()).as("Kim's own refusal is the reason")
			.contains("held: CustomerID: waiting for the store's customer " + kim + " to be in the ERP: it is FAILED")
			.contains("'kim@localhost' in email is not a valid email address");
	}

	@Test
	void aLineWhoseSkuIsNoErpItemFailsItsOrderNamingTheLineAndHoldsNothingElseBack() throws Exception {
		String unknown = store().placeOrder(gina, List.of(line("JAM-STRAW", "Strawberry jam 250 g", 1, "6.50"),
				line("JAM-MANGO", "Mango jam", 1, "7.00")), billing("Gina", "Baker"));
		store().placeOrder(gina, JAM_AND_COFFEE, billing("Gina", "Baker"));
		String guests = store().placeOrder(null, JAM_AND_COFFEE, billing("Guest", "Shopper"));

		RunSummary run = run("sales-order-import");

		assertThat(run.inserted()).isEqualTo(1);
		assertThat(run.failed()).isEqualTo(2);
		assertThat(orders().get(unknown).lastError()).isEqualTo("sales-order " + unknown + " (store order " + unknown
				+ ") not imported: lines[1].InventoryCD: sku 'JAM-MANGO' is no InventoryCD of ERP table InventoryItem");
		assertThat(orders().get(guests).lastError()).isEqualTo("sales-order " + guests + " (store order " + guests
				+ ") not imported: CustomerID: is required but customer_id is empty");
		assertThat(
				erp.jdbc().queryForObject("SELECT COUNT(*) FROM SOLine WHERE InventoryCD = 'JAM-MANGO'", Integer.class))
			.isZero();
	}

	@Test
	void anOrderTheErpExportedIsNotImportedBack() throws Exception {
		for (String job : List.of("category-export", "customer-export", "product-export")) {
			run(job);
		}
		RunSummary exported = run("sales-order-export");
		assertThat(exported.inserted()).isEqualTo(2);
		int ordersBefore = erp.jdbc().queryForObject("SELECT COUNT(*) FROM SOOrder", Integer.class);

		RunSummary imported = run("sales-order-import");

		assertThat(imported.inserted()).isZero();
		assertThat(imported.filtered()).as("the ERP's own orders, left as the export left them").isEqualTo(2);
		assertThat(erp.jdbc().queryForObject("SELECT COUNT(*) FROM SOOrder", Integer.class)).isEqualTo(ordersBefore);
		assertThat(records.history(storeName(), "sales-order", null)
			.stream()
			.filter(record -> "SO-SO000101".equals(record.erpId()))
			.findFirst()
			.orElseThrow()).satisfies(line -> {
				assertThat(line.status()).isEqualTo(SyncStatus.PROCESSED);
				assertThat(line.lastDirection()).isEqualTo(SyncDirection.EXPORT);
			});
	}

	@Test
	void aStoreChangeOfAnImportedOrderUpdatesItsErpOrder() throws Exception {
		String order = store().placeOrder(gina, JAM_AND_COFFEE, billing("Gina", "Baker"));
		run("sales-order-import");

		store().editOrder(order, Map.of("status_id", 9));
		RunSummary updated = run("sales-order-import");

		assertThat(updated.updated()).isEqualTo(1);
		assertThat(erpOrder("WEB000001")).containsEntry("Status", "S");
		assertThat(erpLines("WEB000001")).as("the lines did not change, and stay").hasSize(2);
		assertThat(orders().get(order).lastOperation()).isEqualTo(LastOperation.UPDATED_LOCALLY);
	}

	@Test
	void aStatusTheErpGivesAnImportedOrderGoesToTheStoreOrder() throws Exception {
		String order = store().placeOrder(gina, JAM_AND_COFFEE, billing("Gina", "Baker"));
		run("sales-order-import");

		erp.jdbc()
			.update("UPDATE SOOrder SET Status = 'S', LastModifiedDateTime = ? WHERE OrderNbr = 'WEB000001'",
					java.sql.Timestamp.valueOf(java.time.LocalDateTime.now().plusMinutes(1)));
		RunSummary statuses = run("order-status-export");

		assertThat(statuses.updated()).isEqualTo(1);
		assertThat(store().orders()).singleElement()
			.satisfies(inStore -> assertThat(String.valueOf(inStore.get("id"))).isEqualTo(order))
			.satisfies(inStore -> assertThat(inStore.get("status_id")).as("Awaiting Shipment").isEqualTo(9));
		assertThat(run("sales-order-import").processed()).as("the store's order now says what the ERP says").isZero();
	}

	private RunSummary run(String job) throws Exception {
		return RunSummary.of(jobs.launch(job, Map.of()));
	}

	private List<Map<String, Object>> erpLines(String orderNbr) {
		return erp.jdbc()
			.queryForList("SELECT * FROM SOLine WHERE CompanyID = 2 AND OrderType = 'SO' AND OrderNbr = ?"
					+ " ORDER BY LineNbr", orderNbr)
			.stream()
			.map(line -> {
				Map<String, Object> byName = new org.springframework.util.LinkedCaseInsensitiveMap<>();
				byName.putAll(line);
				return byName;
			})
			.toList();
	}

	static Map<String, Object> line(String sku, String name, int quantity, String price) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("sku", sku);
		line.put("name", name);
		line.put("quantity", quantity);
		line.put("price_ex_tax", new BigDecimal(price));
		return line;
	}

	static Map<String, Object> billing(String firstName, String lastName) {
		Map<String, Object> billing = new LinkedHashMap<>();
		billing.put("first_name", firstName);
		billing.put("last_name", lastName);
		billing.put("email", firstName.toLowerCase() + "@mail.example");
		billing.put("street_1", "12 Baker Street");
		billing.put("city", "Springfield");
		billing.put("state", "Illinois");
		billing.put("zip", "62701");
		billing.put("country", "United States");
		billing.put("country_iso2", "US");
		return billing;
	}

}
