package io.syncbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.syncbatch.erpwrite.ErpRecordRefusedException;
import io.syncbatch.erpwrite.ErpRecordWriter;
import io.syncbatch.erpwrite.ErpTarget;
import io.syncbatch.erpwrite.ErpWrite;
import io.syncbatch.erpwrite.ImportedRecord;
import io.syncbatch.history.LastOperation;

/**
 * Store customers written into the demo company's ERP, as seed 004 imports them: class
 * ECCUSTOMER, an identifier from numbering sequence ECCUSTOMER (whose last number is
 * EC00003, which the demo's Web Shopper has), or the store's customer number where the
 * target keeps it (seed 003's ID mapping). Every write happens once, whatever repeats it.
 */
class ErpImportWriterScenariosTest extends BigCommerceScenario {

	static final ErpTarget CUSTOMERS = customers(false, null);

	static final ErpTarget CUSTOMERS_MATCHED_BY_EMAIL = customers(false, "Email");

	static final ErpTarget CUSTOMERS_KEEPING_STORE_NUMBERS = customers(true, null);

	@Autowired
	ErpRecordWriter writer;

	/** The customers target of seed 004: class ECCUSTOMER, its sequence, status A. */
	static ErpTarget customers(boolean keepStoreKey, String matchColumn) {
		return new ErpTarget("Customer", "CustomerID", Map.of(), List.of(), "CustomerClassID", "ECCUSTOMER", null,
				"LastModifiedDateTime", "CreatedDateTime", Map.of("Status", "A"), keepStoreKey, matchColumn, null,
				null);
	}

	@Test
	void aNewStoreCustomerGetsTheNextNumberOfItsClassSequenceAndTheClassDefaults() {
		ErpWrite written = writer.write(CUSTOMERS, shopper("17", "jane@mail.example", "Jane Doe", null));

		assertThat(written.operation()).isEqualTo(LastOperation.INSERTED_LOCALLY);
		assertThat(written.localId()).as("EC00003 is the sequence's last number").isEqualTo("EC00004");
		Map<String, Object> row = customer("EC00004");
		assertThat(row).containsEntry("AcctName", "Jane Doe")
			.containsEntry("Email", "jane@mail.example")
			.containsEntry("CustomerClassID", "ECCUSTOMER")
			.containsEntry("Status", "A");
		assertThat(lastNumber("ECCUSTOMER")).isEqualTo("EC00004");
	}

	@Test
	void theSameStoreCustomerImportedAgainUpdatesTheRecordItMadeAndAClearedValueIsCleared() {
		writer.write(CUSTOMERS, shopper("17", "jane@mail.example", "Jane Doe", "+1 555 0100"));

		ErpWrite again = writer.write(CUSTOMERS, shopper("17", "jane@mail.example", "Jane Roe", null));

		assertThat(again.operation()).isEqualTo(LastOperation.UPDATED_LOCALLY);
		assertThat(again.localId()).isEqualTo("EC00004");
		assertThat(customersInClass("ECCUSTOMER")).as("the demo's Web Shopper and Jane, once").isEqualTo(2);
		assertThat(customer("EC00004")).containsEntry("AcctName", "Jane Roe").containsEntry("Phone1", null);
		assertThat(lastNumber("ECCUSTOMER")).as("no number used by the update").isEqualTo("EC00004");
	}

	@Test
	void aStoreCustomerNumberIsKeptAsTheErpIdWhenTheTargetSaysSoAndGeneratedOtherwise() {
		ErpWrite kept = writer.write(CUSTOMERS_KEEPING_STORE_NUMBERS,
				shopper("18", "kim@mail.example", "Kim Lee", null, "WEB-KIM"));
		ErpWrite generated = writer.write(CUSTOMERS_KEEPING_STORE_NUMBERS,
				shopper("19", "max@mail.example", "Max Mustermann", null, null));

		assertThat(kept.localId()).isEqualTo("WEB-KIM");
		assertThat(generated.localId()).isEqualTo("EC00004");
	}

	@Test
	void aStoreNumberThatIsAnotherErpCustomersIdIsRefusedNamingBothInsteadOfMerged() {
		assertThatThrownBy(() -> writer.write(CUSTOMERS_KEEPING_STORE_NUMBERS,
				shopper("20", "fake@mail.example", "Not Fruitico", null, "FRUITICO")))
			.isInstanceOf(ErpRecordRefusedException.class)
			.hasMessage("customer 20 (Not Fruitico) not imported: its store number FRUITICO is the key of Customer "
					+ "FRUITICO in the ERP already, which no store record is bound to; the two are not merged");
		assertThat(customer("FRUITICO")).containsEntry("AcctName", "Fruitico Coffee and Cakes");
	}

	@Test
	void aNumberAnErpUserAlreadyGaveByHandIsSkipped() {
		erp.addCustomer("EC00004", "Typed By Hand", "hand@mail.example", java.time.LocalDateTime.now());

		assertThat(writer.write(CUSTOMERS, shopper("21", "a@mail.example", "Ann Smith", null)).localId())
			.isEqualTo("EC00005");
	}

	@Test
	void whatTheErpWouldRefuseIsRefusedNamingTheRecordAndTheFieldAndNothingIsWritten() {
		assertThatThrownBy(() -> writer.write(CUSTOMERS, shopper("22", "b@mail.example", " ", null)))
			.isInstanceOf(ErpRecordRefusedException.class)
			.hasMessage("customer 22 (Bea) not imported: AcctName is required by the ERP and is empty");
		assertThatThrownBy(() -> writer.write(CUSTOMERS, shopper("23", "c@mail.example", "x".repeat(256), null)))
			.isInstanceOf(ErpRecordRefusedException.class)
			.hasMessage(
					"customer 23 (Bea) not imported: AcctName is 256 characters long, and the ERP takes at most 255");
		assertThat(lastNumber("ECCUSTOMER")).as("the refused insert gave its number back").isEqualTo("EC00003");
		assertThat(customersInClass("ECCUSTOMER")).isEqualTo(1);
	}

	@Test
	void importsAtOnceGetDistinctNumbersAndOneStoreCustomerImportedTwiceAtOnceIsOneErpCustomer() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<ErpWrite>> imports = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				String id = String.valueOf(100 + i);
				imports.add(() -> writer.write(CUSTOMERS, shopper(id, id + "@mail.example", "Shopper " + id, null)));
				// The same store customer again, as an overlapping re-read would.
				imports.add(() -> writer.write(CUSTOMERS, shopper(id, id + "@mail.example", "Shopper " + id, null)));
			}
			Collections.shuffle(imports);
			Map<String, String> erpIdByStoreId = new HashMap<>();
			for (Future<ErpWrite> done : pool.invokeAll(imports)) {
				done.get();
			}
			erp.jdbc()
				.queryForList("SELECT ExternalID, LocalID FROM BCSyncStatus")
				.forEach(row -> erpIdByStoreId.put((String) row.get("ExternalID"), (String) row.get("LocalID")));
			assertThat(erpIdByStoreId).hasSize(20);
			assertThat(erpIdByStoreId.values()).doesNotHaveDuplicates();
			assertThat(customersInClass("ECCUSTOMER")).isEqualTo(21);
			assertThat(lastNumber("ECCUSTOMER")).isEqualTo("EC00023");
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aStoreCustomerWithTheEmailOfAnErpCustomerNoStoreCustomerIsBoundToIsThatCustomerNotASecondOne() {
		// The demo's Web Shopper, EC00003, has shopper@mail.example; the store's letter
		// case differs.
		ErpWrite matched = writer.write(CUSTOMERS_MATCHED_BY_EMAIL,
				shopper("21", "Shopper@Mail.example", "Web Shopper", null));

		assertThat(matched.localId()).isEqualTo("EC00003");
		assertThat(matched.found()).isEqualTo(ErpWrite.Found.MATCHED);
		assertThat(customersInClass("ECCUSTOMER")).as("no second customer").isEqualTo(1);
		assertThat(lastNumber("ECCUSTOMER")).as("no number used").isEqualTo("EC00003");
		assertThat(writer.write(CUSTOMERS_MATCHED_BY_EMAIL, shopper("21", "Shopper@Mail.example", "Web Shopper", null))
			.found()).as("bound now, in the ERP").isEqualTo(ErpWrite.Found.BOUND_IN_ERP);
	}

	@Test
	void anEmailThatTwoErpCustomersShareOrThatIsAnotherStoreCustomersIsRefusedNamingThemNotMerged() {
		erp.addCustomer("SHOPPER2", "Another Shopper", "shopper@mail.example", java.time.LocalDateTime.now());

		assertThatThrownBy(() -> writer.write(CUSTOMERS_MATCHED_BY_EMAIL,
				shopper("22", "shopper@mail.example", "Web Shopper", null)))
			.isInstanceOf(ErpRecordRefusedException.class)
			.hasMessage("customer 22 (Web Shopper) not imported: 2 ERP records have Email 'shopper@mail.example'"
					+ " (Customer EC00003, SHOPPER2); it is bound to none of them, so that none is merged with it");
		erp.deleteCustomer("SHOPPER2");
		writer.write(CUSTOMERS_MATCHED_BY_EMAIL, shopper("23", "shopper@mail.example", "Web Shopper", null));
		assertThatThrownBy(() -> writer.write(CUSTOMERS_MATCHED_BY_EMAIL,
				shopper("24", "SHOPPER@mail.example", "Web Shopper", null)))
			.hasMessage("customer 24 (Web Shopper) not imported: Customer EC00003 has Email 'SHOPPER@mail.example'"
					+ " too, and is bound to the store's customer 23; not merged");
	}

	@Test
	void aTargetNamingNoColumnOfItsTableIsRefusedNamingTheFieldBeforeAnythingIsWritten() {
		ErpTarget misspelt = new ErpTarget("Customer", "CustomerID", Map.of(), List.of(), "CustomerClass", "ECCUSTOMER",
				null, "LastModifiedDateTime", null, Map.of(), false, null, null, null);

		assertThatThrownBy(() -> writer.check(misspelt)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("erp-target.class-column: 'CustomerClass' is not a column of ERP table Customer")
			.hasMessageMatching("(?is).*its columns: .*customerclassid.*");
		assertThatThrownBy(() -> new ErpTarget("Customer; DROP TABLE Customer", "CustomerID", Map.of(), List.of(),
				"CustomerClassID", null, null, "LastModifiedDateTime", null, Map.of(), false, null, null, null))
			.hasMessage("erp-target.table: 'Customer; DROP TABLE Customer' is not a plain column or table name");
	}

	private ImportedRecord shopper(String storeId, String email, String name, @Nullable String phone) {
		return shopper(storeId, email, name, phone, null);
	}

	private ImportedRecord shopper(String storeId, String email, String name, @Nullable String phone,
			@Nullable String storeNumber) {
		Map<String, @Nullable Object> columns = new HashMap<>();
		columns.put("AcctName", name);
		columns.put("Email", email);
		columns.put("Phone1", phone);
		columns.put("CountryID", "US");
		return new ImportedRecord(storeName(), "customer", storeId,
				name.isBlank() || name.length() > 200 ? "Bea" : name, 2, columns, storeNumber, null, Set.of());
	}

	private Map<String, Object> customer(String customerId) {
		return new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER) {
			{
				putAll(erp.jdbc()
					.queryForMap("SELECT * FROM Customer WHERE CompanyID = 2 AND CustomerID = ?", customerId));
			}
		};
	}

	private String lastNumber(String numberingId) {
		return erp.jdbc()
			.queryForObject("SELECT LastNbr FROM NumberingSequence WHERE CompanyID = 2 AND NumberingID = ?",
					String.class, numberingId);
	}

	private int customersInClass(String customerClass) {
		return erp.jdbc()
			.queryForObject("SELECT COUNT(*) FROM Customer WHERE CompanyID = 2 AND CustomerClassID = ?", Integer.class,
					customerClass);
	}

}
