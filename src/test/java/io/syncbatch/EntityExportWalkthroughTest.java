package io.syncbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.syncbatch.definition.SyncDirection;
import io.syncbatch.job.RunSummary;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;

/**
 * Every entity of the demo company, exported to an empty store with {@code run-all}: each
 * entity after those it refers to, every request checked against the published
 * BigCommerce contracts. Records whose customer or product the store does not have wait
 * as HELD and go as soon as it does.
 */
class EntityExportWalkthroughTest extends BigCommerceScenario {

	@Test
	void runAllExportsEachEntityAfterTheEntitiesItRefersTo() throws Exception {
		List<RunSummary> runs = runAll();

		assertThat(runs).extracting(RunSummary::jobName)
			.containsExactly("category-export", "customer-export", "customer-import", "customer-location-export",
					"customer-location-import", "product-export", "sales-order-export", "sales-order-import",
					"invoice-export", "shipment-export", "order-status-export");
		assertThat(runs).extracting(RunSummary::status).containsOnly("COMPLETED");
		assertThat(runs).extracting(RunSummary::jobName, RunSummary::held)
			.contains(tuple("category-export", 0L), tuple("sales-order-export", 2L), tuple("shipment-export", 1L));
		assertThat(runs).filteredOn(run -> run.jobName().equals("sales-order-export"))
			.singleElement()
			.satisfies(orders -> assertThat(orders.render())
				.contains("held       2 (waiting for records of other entities)"));
	}

	@Test
	void categoriesArriveAsATreeParentsFirst() throws Exception {
		runAll();

		assertThat(statuses("category")).containsOnly(Map.entry("10", SyncStatus.PROCESSED),
				Map.entry("11", SyncStatus.PROCESSED), Map.entry("12", SyncStatus.PROCESSED),
				Map.entry("20", SyncStatus.PROCESSED));
		Map<String, Map<String, Object>> byName = byField(store().categories(), "name");
		Object jams = byName.get("Jams and spreads").get("id");
		assertThat(byName.get("Jams and spreads").get("parent_id")).isEqualTo(0);
		assertThat(byName.get("Fruit jams").get("parent_id")).isEqualTo(jams);
		assertThat(byName.get("Marmalades").get("parent_id")).isEqualTo(jams);
		assertThat(byName.get("Coffee").get("parent_id")).isEqualTo(0);
	}

	@Test
	void productsCarryPriceWeightAndTheirCategoriesStoreIds() throws Exception {
		runAll();

		assertThat(statuses("product")).containsOnly(Map.entry("JAM-STRAW", SyncStatus.PROCESSED),
				Map.entry("JAM-APRICOT", SyncStatus.PROCESSED), Map.entry("MARM-ORANGE", SyncStatus.PROCESSED),
				Map.entry("COFFEE-HOUSE", SyncStatus.PROCESSED), Map.entry("JAM-FIG", SyncStatus.FILTERED),
				Map.entry("JAM-QUINCE", SyncStatus.FAILED));
		assertThat(reason("product", "JAM-QUINCE")).contains("price: is required but BasePrice is empty");
		Map<String, Map<String, Object>> bySku = byField(store().products(), "sku");
		assertThat(bySku).containsOnlyKeys("JAM-STRAW", "JAM-APRICOT", "MARM-ORANGE", "COFFEE-HOUSE");
		Map<String, Object> marmalade = bySku.get("MARM-ORANGE");
		assertThat(marmalade).containsEntry("name", "Orange marmalade 340 g").containsEntry("type", "physical");
		assertThat(((Number) marmalade.get("price")).doubleValue()).isEqualTo(7.25);
		assertThat(((Number) marmalade.get("weight")).doubleValue()).isEqualTo(0.42);
		assertThat(marmalade.get("categories")).isEqualTo(List.of(storeId("category", "12")));
	}

	@Test
	void customerLocationsBecomeAddressesOfTheirStoreCustomer() throws Exception {
		runAll();

		assertThat(statuses("customer-location")).containsOnly(Map.entry("FRUITICO:MAIN", SyncStatus.PROCESSED),
				Map.entry("JAMIFIQUE:MAIN", SyncStatus.PROCESSED), Map.entry("JAMIFIQUE:FACTORY", SyncStatus.PROCESSED),
				Map.entry("MARMALADO:MAIN", SyncStatus.FAILED), Map.entry("ORCHARDCO:MAIN", SyncStatus.HELD),
				Map.entry("FRUITICO:OLDSHOP", SyncStatus.FILTERED));
		assertThat(reason("customer-location", "MARMALADO:MAIN"))
			.contains("postal_code: is required but PostalCode is empty");
		assertThat(reason("customer-location", "ORCHARDCO:MAIN"))
			.contains("customer_id: waiting for customer ORCHARDCO to be in the store: it is FILTERED");
		assertThat(store().addresses())
			.extracting(a -> a.get("customer_id"), a -> a.get("address1"), a -> a.get("postal_code"))
			.containsExactlyInAnyOrder(tuple(storeId("customer", "FRUITICO"), "25 Broadway", "10004"),
					tuple(storeId("customer", "JAMIFIQUE"), "401 Park Ave S", "10016"),
					tuple(storeId("customer", "JAMIFIQUE"), "88 Industrial Way", "07105"));
	}

	@Test
	void salesOrdersGoWithTheirLinesOrWaitForTheirCustomerAndProducts() throws Exception {
		runAll();

		assertThat(statuses("sales-order")).containsOnly(Map.entry("SO-SO000101", SyncStatus.PROCESSED),
				Map.entry("SO-SO000102", SyncStatus.PROCESSED), Map.entry("SO-SO000103", SyncStatus.HELD),
				Map.entry("SO-SO000104", SyncStatus.HELD), Map.entry("TR-TR000001", SyncStatus.FILTERED));
		assertThat(reason("sales-order", "SO-SO000103"))
			.contains("customer_id: waiting for customer ABCSTUDIOS to be in the store: it is FILTERED");
		assertThat(reason("sales-order", "SO-SO000104"))
			.contains("products[0].product_id: waiting for product JAM-QUINCE to be in the store: it is FAILED");
		Map<String, Map<String, Object>> orders = byField(store().orders(), "external_id");
		assertThat(orders).containsOnlyKeys("SO-SO000101", "SO-SO000102");
		assertThat(orders.get("SO-SO000101").get("customer_id")).isEqualTo(storeId("customer", "FRUITICO"));
		assertThat(orderProducts("SO-SO000101")).extracting(p -> p.get("sku"), p -> p.get("quantity"))
			.containsExactly(tuple("JAM-STRAW", 2), tuple("COFFEE-HOUSE", 1));
	}

	@Test
	void anOrderAnotherStoreHasIsNotSentToThisOne() throws Exception {
		// Placed in the Magento store and imported from it: that store's order.
		new org.springframework.jdbc.core.JdbcTemplate(syncDataSource)
			.update("INSERT INTO sync_record (store, entity, erp_id, erp_description, external_id, status,"
					+ " last_operation, last_direction, attempts) VALUES ('magento', 'sales-order', 'SO-SO000101',"
					+ " 'SO000101', '7', 'PROCESSED', 'INSERTED_LOCALLY', 'IMPORT', 0)");

		runAll();

		assertThat(statuses("sales-order")).containsEntry("SO-SO000101", SyncStatus.FILTERED)
			.containsEntry("SO-SO000102", SyncStatus.PROCESSED);
		assertThat(reason("sales-order", "SO-SO000101")).isEqualTo(
				"sales-order SO-SO000101 (SO000101) is in store 'magento' (target.one-store: it lives in one store)");
		assertThat(byField(store().orders(), "external_id")).containsOnlyKeys("SO-SO000102");
	}

	@Test
	void aHeldOrderGoesOnceWhatItWaitsForIsInTheStore() throws Exception {
		runAll();
		erp.jdbc()
			.update("UPDATE InventoryItem SET BasePrice = 7.00, LastModifiedDateTime = '2026-10-20 08:00:00'"
					+ " WHERE CompanyID = 2 AND InventoryCD = 'JAM-QUINCE'");

		List<RunSummary> again = runAll();

		assertThat(again).extracting(RunSummary::status).containsOnly("COMPLETED");
		assertThat(statuses("product")).containsEntry("JAM-QUINCE", SyncStatus.PROCESSED);
		assertThat(statuses("sales-order")).containsEntry("SO-SO000104", SyncStatus.PROCESSED)
			.containsEntry("SO-SO000103", SyncStatus.HELD);
		assertThat(store().orders()).as("each order once").hasSize(3);
		assertThat(orderProducts("SO-SO000104")).extracting(p -> p.get("sku"))
			.containsExactly("JAM-QUINCE", "JAM-STRAW");
	}

	@Test
	void shipmentsShipTheirOrdersLinesBySku() throws Exception {
		runAll();

		assertThat(statuses("shipment")).containsOnly(Map.entry("SH000201", SyncStatus.PROCESSED),
				Map.entry("SH000202", SyncStatus.PROCESSED), Map.entry("SH000203", SyncStatus.HELD),
				Map.entry("SH000204", SyncStatus.FILTERED));
		Map<String, Map<String, Object>> shipments = byField(store().shipments(), "comments");
		assertThat(shipments).containsOnlyKeys("Acumatica shipment SH000201", "Acumatica shipment SH000202");
		Map<String, Object> partial = shipments.get("Acumatica shipment SH000202");
		assertThat(partial).containsEntry("tracking_number", "7489 1234 5678")
			.containsEntry("order_id", storeId("sales-order", "SO-SO000102"));
		assertThat((List<?>) partial.get("items")).hasSize(1);
		assertThat(((Map<?, ?>) ((List<?>) partial.get("items")).get(0)).get("quantity")).isEqualTo(3);
	}

	@Test
	void invoicesAndStatusesAreWrittenOnTheOrderTheyBelongTo() throws Exception {
		runAll();

		assertThat(statuses("invoice")).containsOnly(Map.entry("INV000301", SyncStatus.PROCESSED),
				Map.entry("INV000302", SyncStatus.PROCESSED), Map.entry("INV000303", SyncStatus.FILTERED));
		assertThat(statuses("order-status")).containsOnly(Map.entry("SO-SO000101", SyncStatus.PROCESSED),
				Map.entry("SO-SO000102", SyncStatus.PROCESSED), Map.entry("SO-SO000103", SyncStatus.HELD),
				Map.entry("SO-SO000104", SyncStatus.HELD), Map.entry("TR-TR000001", SyncStatus.FILTERED));
		Map<String, Map<String, Object>> orders = byField(store().orders(), "external_id");
		assertThat(orders.get("SO-SO000101")).containsEntry("status_id", 10)
			.containsEntry("staff_notes", "Invoice INV000301 (Closed): 37.0000 USD, balance 0.0000, due 2026-11-09");
		assertThat(orders.get("SO-SO000102")).as("partly shipped, then the ERP's Open")
			.containsEntry("status_id", 11)
			.containsEntry("staff_notes", "Invoice INV000302 (Open): 21.7500 USD, balance 21.7500, due 2026-11-10");
		assertThat(history("order-status").get("SO-SO000101").externalId())
			.isEqualTo(history("sales-order").get("SO-SO000101").externalId());
	}

	@Test
	void recordsTheStoreAcceptedBeforeACrashAreFoundAgainNotCreatedTwice() throws Exception {
		runAll();
		int[] before = { store().categories().size(), store().products().size(), store().addresses().size(),
				store().orders().size(), store().shipments().size(), store().customers().size() };
		state.storeIdsLost(storeName());

		List<RunSummary> again = runAll();

		assertThat(again).extracting(RunSummary::status).containsOnly("COMPLETED");
		assertThat(new int[] { store().categories().size(), store().products().size(), store().addresses().size(),
				store().orders().size(), store().shipments().size(), store().customers().size() })
			.containsExactly(before);
		for (String entity : List.of("category", "product", "customer-location", "sales-order", "shipment")) {
			assertThat(history(entity).values()).filteredOn(record -> record.status() == SyncStatus.PROCESSED)
				.as("%s: %s", entity, history(entity).values())
				.isNotEmpty()
				.allSatisfy(record -> assertThat(record.lastOperation()).isEqualTo(LastOperation.UPDATED_EXTERNALLY));
		}
	}

	private List<RunSummary> runAll() throws Exception {
		return jobs.launchAll(Map.of(), (entity, why) -> {
			throw new AssertionError(entity + " skipped: " + why);
		}).stream().map(RunSummary::of).toList();
	}

	private Map<String, SyncRecord> history(String entity) {
		return records.history(storeName(), entity, null)
			.stream()
			.collect(Collectors.toMap(SyncRecord::erpId, Function.identity()));
	}

	private Map<String, SyncStatus> statuses(String entity) {
		return records.history(storeName(), entity, null)
			.stream()
			.collect(Collectors.toMap(SyncRecord::erpId, SyncRecord::status));
	}

	private String reason(String entity, String erpId) {
		return history(entity).get(erpId).lastError();
	}

	private Integer storeId(String entity, String erpId) {
		return Integer.valueOf(history(entity).get(erpId).externalId());
	}

	/**
	 * The order's lines as the store's API lists them (the request is contract-checked
	 * like the connector's).
	 */
	private List<Map<String, Object>> orderProducts(String orderKey) {
		Object id = byField(store().orders(), "external_id").get(orderKey).get("id");
		return store().orderLines(id);
	}

	private static Map<String, Map<String, Object>> byField(List<Map<String, Object>> items, String field) {
		return items.stream().collect(Collectors.toMap(item -> String.valueOf(item.get(field)), Function.identity()));
	}

}
