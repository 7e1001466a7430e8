package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Resource.INVOICES;
import static io.syncbatch.testsupport.StoreFixture.Resource.SHIPMENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.RunSummary;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * Orders placed in a Magento store: given Fruitico, exported to Magento, when its buyer
 * places an order there (2 × JAM-STRAW at 6.50 and 1 × COFFEE-HOUSE at 24.00) and
 * sales-order-import runs, then the ERP has a sales order WEB000001 for FRUITICO, read in
 * Magento's words; and when the ERP ships, invoices and completes it, the Magento order
 * gets one shipment, one invoice and the status complete, even when Magento's answers are
 * lost and the requests are sent again.
 */
class MagentoOrderScenariosTest extends MagentoScenario {

	static final List<Map<String, Object>> JAM_AND_COFFEE = List.of(
			SalesOrderImportScenariosTest.line("JAM-STRAW", "Strawberry jam 250 g", 2, "6.50"),
			SalesOrderImportScenariosTest.line("COFFEE-HOUSE", "House blend coffee 1 kg", 1, "24.00"));

	String order;

	@BeforeEach
	void givenFruiticoOrderedInMagento() throws Exception {
		run("customer-export");
		String fruitico = records.history(storeName(), "customer", null)
			.stream()
			.filter(record -> "FRUITICO".equals(record.erpId()))
			.findFirst()
			.orElseThrow()
			.externalId();
		order = store().placeOrder(fruitico, JAM_AND_COFFEE, billing());
	}

	@Test
	void anOrderPlacedInMagentoBecomesAnErpSalesOrderReadInMagentosWords() throws Exception {
		RunSummary imported = run("sales-order-import");

		assertThat(imported.inserted()).isEqualTo(1);
		Map<String, Object> row = erpOrder("WEB000001");
		assertThat(row).containsEntry("CustomerID", "FRUITICO")
			.containsEntry("Status", "N")
			.containsEntry("CustomerOrderNbr", "MG000000001")
			.containsEntry("BillFirstName", "Dana")
			.containsEntry("BillAddressLine1", "25 Broadway")
			.containsEntry("BillCity", "New York")
			.containsEntry("BillState", "NY")
			.containsEntry("BillPostalCode", "10004")
			.containsEntry("BillCountryID", "US")
			.containsEntry("LineCntr", 2);
		assertThat((BigDecimal) row.get("CuryOrderTotal")).isEqualByComparingTo("37.00");
		assertThat(erp.jdbc()
			.queryForList("SELECT InventoryCD, OrderQty FROM SOLine WHERE CompanyID = 2 AND OrderType = 'SO'"
					+ " AND OrderNbr = 'WEB000001' ORDER BY LineNbr"))
			.extracting(line -> line.get("InventoryCD"), line -> ((BigDecimal) line.get("OrderQty")).intValue())
			.containsExactly(tuple("JAM-STRAW", 2), tuple("COFFEE-HOUSE", 1));
		SyncRecord record = orders().get(order);
		assertThat(record.erpId()).isEqualTo("SO-WEB000001");
		assertThat(record.status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(run("sales-order-import").inserted()).as("imported once").isZero();
	}

	@Test
	void anOrderOfACustomerWhoSignedUpInMagentoWaitsForThatCustomerToBeImported() throws Exception {
		String stranger = store().createCustomer("kim.lee@mail.example", "Kim", "Lee");
		String kims = store().placeOrder(stranger, JAM_AND_COFFEE, billing());

		run("sales-order-import");

		assertThat(orders().get(kims).status()).isEqualTo(SyncStatus.HELD);
		assertThat(orders().get(kims).lastError()).contains("customer").contains(stranger);
		assertThat(orders().get(order).status()).isEqualTo(SyncStatus.PROCESSED);

		run("customer-import");
		run("sales-order-import");

		assertThat(orders().get(kims).status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(erpOrder("WEB000002")).containsEntry("CustomerID", erp.customerIdOf("kim.lee@mail.example"));
	}

	@Test
	void theErpHoldsShipsInvoicesAndCompletesTheMagentoOrder() throws Exception {
		run("sales-order-import");
		givenTheErpSetTheOrderStatus("H");
		run("order-status-export");
		assertThat(store().orders().get(0)).as("Magento's own status is Magento's").containsEntry("status", "pending");
		assertThat(store().orders().get(0).get("status_histories").toString()).contains("ERP status: On Hold");

		givenTheErpShippedAndInvoicedWeb000001();
		assertThat(run("shipment-export").inserted()).isEqualTo(1);
		assertThat(run("invoice-export").inserted()).isEqualTo(1);
		givenTheErpSetTheOrderStatus("C");
		run("order-status-export");

		assertThat(store().shipments()).singleElement().satisfies(shipment -> {
			assertThat(String.valueOf(shipment.get("order_id"))).isEqualTo(order);
			assertThat(shipment.get("tracks").toString()).contains("1Z999AA10123456799");
			assertThat(shipment.get("comments").toString()).contains("Acumatica shipment SH000301");
		});
		assertThat(store().invoices()).singleElement()
			.satisfies(
					invoice -> assertThat(invoice.get("comments").toString()).contains("Acumatica invoice INV000401"));
		assertThat(records.history(storeName(), "shipment", null))
			.filteredOn(record -> record.erpId().equals("SH000201"))
			.singleElement()
			.as("the ERP's own orders are never in Magento: their shipments are not held for them")
			.satisfies(record -> {
				assertThat(record.status()).isEqualTo(SyncStatus.FILTERED);
				assertThat(record.lastError()).isEqualTo("shipment SH000201 (SO000101) is not for this store:"
						+ " order_id: sales-order SO-SO000101 is not from store '" + storeName()
						+ "', and sales-order goes from that store to the ERP only");
			});
		Map<String, Object> magentoOrder = store().orders().get(0);
		assertThat(magentoOrder).as("shipped and invoiced in full").containsEntry("status", "complete");
		assertThat(magentoOrder.get("status_histories").toString()).contains("ERP status: Completed");

		store().forgetRequests();
		run("order-status-export");
		assertThat(store().writes()).as("nothing changed, nothing sent").isZero();
		givenTheErpSetTheOrderStatus("C");
		run("order-status-export");
		assertThat(store().writes()).as("the order already says so: no second comment").isZero();
	}

	@Test
	void anErpInvoiceOfPartOfTheOrderIsRefusedNotBilledInFull() throws Exception {
		run("sales-order-import");
		erp.jdbc()
			.update("INSERT INTO ARInvoice (CompanyID, DocType, RefNbr, CustomerID, DocDate, DueDate, Status, CuryID,"
					+ " CuryOrigDocAmt, CuryDocBal, OrderType, OrderNbr, LastModifiedDateTime) VALUES (2, 'INV',"
					+ " 'INV000402', 'FRUITICO', '2026-12-08', '2027-01-07', 'N', 'USD', 6.5, 6.5, 'SO', 'WEB000001', ?)",
					Timestamp.valueOf(LocalDateTime.now()));

		run("invoice-export");

		assertThat(store().invoices()).as("Magento would bill all 37.00").isEmpty();
		assertThat(records.history(storeName(), "invoice", null))
			.filteredOn(record -> record.erpId().equals("INV000402"))
			.singleElement()
			.satisfies(record -> {
				assertThat(record.status()).isEqualTo(SyncStatus.FAILED);
				assertThat(record.lastError())
					.contains("ERP invoice of 6.5 for Magento order 000000001, which has 37" + " left to invoice");
			});
	}

	@Test
	void aShipmentChangedInTheErpAfterMagentoMadeItFailsSayingHow() throws Exception {
		run("sales-order-import");
		givenTheErpShippedAndInvoicedWeb000001();
		run("shipment-export");
		erp.jdbc()
			.update("UPDATE SOShipLine SET ShippedQty = 1 WHERE CompanyID = 2 AND ShipmentNbr = 'SH000301'"
					+ " AND InventoryCD = 'JAM-STRAW'");
		erp.jdbc()
			.update("UPDATE SOShipment SET ShipVia = 'FEDEX', LineCntr = 2, LastModifiedDateTime = ?"
					+ " WHERE CompanyID = 2 AND ShipmentNbr = 'SH000301'",
					Timestamp.valueOf(LocalDateTime.now().plusSeconds(1)));

		run("shipment-export");

		assertThat(records.history(storeName(), "shipment", null))
			.filteredOn(record -> record.erpId().equals("SH000301"))
			.singleElement()
			.satisfies(record -> {
				assertThat(record.status()).isEqualTo(SyncStatus.FAILED);
				assertThat(record.lastError()).contains("was made with COFFEE-HOUSE × 1, JAM-STRAW × 2, the ERP's"
						+ " shipment is now COFFEE-HOUSE × 1, JAM-STRAW × 1, and Magento keeps a shipment as made");
			});
		assertThat(store().shipments()).hasSize(1);
	}

	@Test
	void anOrderShippedTwiceUnderTheErpsNumberIsNotShippedAgainAndHoldsNoOtherShipmentUp() throws Exception {
		String kim = store().createCustomer("kim.lee@mail.example", "Kim", "Lee");
		String kims = store().placeOrder(kim, JAM_AND_COFFEE, billing());
		run("customer-import");
		run("sales-order-import");
		shipWeb000001(erp.jdbc());
		erp.jdbc()
			.update("INSERT INTO SOShipment (CompanyID, ShipmentNbr, ShipmentType, ShipDate, Status, CustomerID,"
					+ " OrderType, OrderNbr, ShipVia, TrackingNbr, LineCntr, LastModifiedDateTime) VALUES"
					+ " (2, 'SH000302', 'I', '2026-12-08', 'C', ?, 'SO', 'WEB000002', 'UPSGROUND', NULL, 1, ?)",
					erp.customerIdOf("kim.lee@mail.example"), Timestamp.valueOf(LocalDateTime.now()));
		erp.jdbc()
			.update("INSERT INTO SOShipLine (CompanyID, ShipmentNbr, LineNbr, InventoryCD, ShippedQty) VALUES"
					+ " (2, 'SH000302', 1, 'COFFEE-HOUSE', 1)");
		// Shipped by hand in Magento's admin, in two parts, each noted with the ERP's
		// number.
		long jam = ((Number) store().orderLines(order).get(0).get("item_id")).longValue();
		store().shipInAdmin(order, jam, 1, "Acumatica shipment SH000301");
		store().shipInAdmin(order, jam, 1, "Acumatica shipment SH000301");

		RunSummary shipped = run("shipment-export");

		assertThat(shipped.status()).isEqualTo("COMPLETED");
		Map<String, SyncRecord> shipments = records.history(storeName(), "shipment", null)
			.stream()
			.collect(java.util.stream.Collectors.toMap(SyncRecord::erpId, record -> record));
		assertThat(shipments.get("SH000301").status()).isEqualTo(SyncStatus.FAILED);
		assertThat(shipments.get("SH000301").lastError()).contains("has 2 shipments")
			.contains("none is taken for the ERP's and none is made");
		assertThat(shipments.get("SH000302").status()).as("looked up beside it, and not held up by it")
			.isEqualTo(SyncStatus.PROCESSED);
		assertThat(store().shipments()).extracting(shipment -> String.valueOf(shipment.get("order_id")))
			.containsExactlyInAnyOrder(order, order, kims);
	}

	@Test
	void onceTheErpHasTheOrderItsStatusIsTheErps() throws Exception {
		run("sales-order-import");
		givenTheErpSetTheOrderStatus("S");
		givenTheErpShippedAndInvoicedWeb000001();
		run("shipment-export");
		run("invoice-export");

		RunSummary again = run("sales-order-import");

		assertThat(store().orders().get(0)).containsEntry("status", "complete");
		assertThat(again.prepared()).as("the order changed in Magento, and is read again").isEqualTo(1);
		assertThat(erpOrder("WEB000001")).as("Magento's complete does not overwrite the ERP's Shipping")
			.containsEntry("Status", "S");
	}

	private void givenTheErpSetTheOrderStatus(String status) {
		erp.jdbc()
			.update("UPDATE SOOrder SET Status = ?, LastModifiedDateTime = ? WHERE CompanyID = 2"
					+ " AND OrderType = 'SO' AND OrderNbr = 'WEB000001'", status,
					Timestamp.valueOf(LocalDateTime.now()));
	}

	@Test
	void aShipmentOrInvoiceWhoseAnswerWasLostIsFoundNotMadeTwice() throws Exception {
		run("sales-order-import");
		givenTheErpShippedAndInvoicedWeb000001();
		store().failFirst(creating(SHIPMENTS), StoreFault.answerAfter(Duration.ofMillis(4_000)));
		store().failFirst(creating(INVOICES), StoreFault.answerAfter(Duration.ofMillis(4_000)));

		RunSummary shipped = run("shipment-export");
		RunSummary invoiced = run("invoice-export");

		assertThat(shipped.status()).isEqualTo("COMPLETED");
		assertThat(invoiced.status()).isEqualTo("COMPLETED");
		assertThat(store().shipments()).as("Magento would ship the order twice").hasSize(1);
		assertThat(store().invoices()).as("Magento would bill the order twice").hasSize(1);
		assertThat(records.history(storeName(), "shipment", null))
			.filteredOn(record -> record.erpId().equals("SH000301"))
			.singleElement()
			.satisfies(record -> assertThat(record.status()).isEqualTo(SyncStatus.PROCESSED));
		assertThat(records.history(storeName(), "invoice", null))
			.filteredOn(record -> record.erpId().equals("INV000401"))
			.singleElement()
			.satisfies(record -> assertThat(record.status()).isEqualTo(SyncStatus.PROCESSED));
	}

	private void givenTheErpShippedAndInvoicedWeb000001() {
		shipWeb000001(erp.jdbc());
		erp.jdbc()
			.update("INSERT INTO ARInvoice (CompanyID, DocType, RefNbr, CustomerID, DocDate, DueDate, Status, CuryID,"
					+ " CuryOrigDocAmt, CuryDocBal, OrderType, OrderNbr, LastModifiedDateTime) VALUES (2, 'INV',"
					+ " 'INV000401', 'FRUITICO', '2026-12-08', '2027-01-07', 'N', 'USD', 37, 37, 'SO', 'WEB000001', ?)",
					Timestamp.valueOf(LocalDateTime.now()));
	}

	/** The ERP's shipment SH000301 of all of WEB000001, with a tracking number. */
	static void shipWeb000001(org.springframework.jdbc.core.JdbcTemplate erp) {
		Timestamp now = Timestamp.valueOf(LocalDateTime.now());
		erp.update("INSERT INTO SOShipment (CompanyID, ShipmentNbr, ShipmentType, ShipDate, Status, CustomerID,"
				+ " OrderType, OrderNbr, ShipVia, TrackingNbr, LineCntr, LastModifiedDateTime) VALUES"
				+ " (2, 'SH000301', 'I', '2026-12-08', 'C', 'FRUITICO', 'SO', 'WEB000001', 'UPSGROUND',"
				+ " '1Z999AA10123456799', 2, ?)", now);
		erp.update("INSERT INTO SOShipLine (CompanyID, ShipmentNbr, LineNbr, InventoryCD, ShippedQty) VALUES"
				+ " (2, 'SH000301', 1, 'JAM-STRAW', 2), (2, 'SH000301', 2, 'COFFEE-HOUSE', 1)");
	}

	static Map<String, Object> billing() {
		Map<String, Object> billing = new LinkedHashMap<>();
		billing.put("first_name", "Dana");
		billing.put("last_name", "Fruit");
		billing.put("email", "info@fruitico.example");
		billing.put("street_1", "25 Broadway");
		billing.put("city", "New York");
		billing.put("state", "NY");
		billing.put("zip", "10004");
		billing.put("country_iso2", "US");
		return billing;
	}

	private RunSummary run(String job) throws Exception {
		return RunSummary.of(jobs.launch(job, Map.of()));
	}

}
