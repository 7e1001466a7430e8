package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.updating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.RunSummary;

/**
 * What must never be silently wrong in the store: two ERP records are never merged into
 * one store record, a value cleared in the ERP is cleared in the store, names reach the
 * store and the history without stray whitespace, and nothing the store's contract
 * forbids is sent.
 */
class DataIntegrityScenariosTest extends BigCommerceScenario {

	private static final LocalDateTime LATER = LocalDateTime.of(2026, 11, 3, 8, 0);

	@Test
	void twoErpCustomersWithOneEmailInOneRunAreNotMergedIntoOneStoreCustomer() throws Exception {
		// Same mailbox as FRUITICO, typed in other letter case: the store compares emails
		// ignoring case.
		erp.addCustomer("FRUITCOPY", "Fruit Copy Ltd", "INFO@Fruitico.example", LATER);

		RunSummary run = launch(Map.of());

		SyncRecord first = history().get("FRUITICO");
		SyncRecord copy = history().get("FRUITCOPY");
		assertThat(first.status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(copy.status()).isEqualTo(SyncStatus.FAILED);
		assertThat(copy.externalId()).as("not bound to FRUITICO's store customer").isNull();
		assertThat(copy.lastError()).contains("FRUITICO", first.externalId());
		assertThat(run.failed()).as("BERRYBAR's bad email and the copy").isEqualTo(2);
		assertThat(storeCustomersByEmail().get("info@fruitico.example")).as("FRUITICO's data, not the copy's")
			.containsEntry("company", "Fruitico Coffee and Cakes");
	}

	@Test
	void aSecondErpCustomerWithASyncedCustomersEmailFailsNamingTheRecordItWouldMergeWith() throws Exception {
		launch(Map.of());
		String fruitico = history().get("FRUITICO").externalId();
		erp.addCustomer("FRUITCOPY", "Fruit Copy Ltd", "Info@FRUITICO.example", LATER);

		RunSummary run = launch(Map.of());

		SyncRecord copy = history().get("FRUITCOPY");
		assertThat(copy.status()).isEqualTo(SyncStatus.FAILED);
		assertThat(copy.externalId()).isNull();
		assertThat(copy.lastError()).contains("FRUITICO", fruitico);
		assertThat(run.updated()).as("FRUITICO's store customer is left alone").isZero();
		assertThat(store().requests(updating(CUSTOMERS))).isEmpty();
		assertThat(store().customers()).hasSize(3);
		assertThat(history().get("FRUITICO").externalId()).isEqualTo(fruitico);
	}

	@Test
	void aPhoneClearedInTheErpIsClearedInTheStore() throws Exception {
		launch(Map.of());
		assertThat(storeCustomersByEmail().get("info@fruitico.example")).containsEntry("phone", "+1 212 555 0148");

		erp.editCustomer("FRUITICO", "Phone1", null, LATER);
		RunSummary run = launch(Map.of());

		assertThat(run.updated()).isEqualTo(1);
		assertThat(storeCustomersByEmail().get("info@fruitico.example")).as("the store's form of no phone")
			.containsEntry("phone", "");
		assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.PROCESSED);
	}

	@Test
	void namesAndDescriptionsLoseTheirStrayWhitespace() throws Exception {
		erp.addCustomer("PADDED", "  Padded   Name \t Ltd  ", "orders@padded.example", LATER);

		launch(Map.of());

		assertThat(storeCustomersByEmail().get("orders@padded.example")).containsEntry("first_name", "Padded")
			.containsEntry("last_name", "Name Ltd")
			.containsEntry("company", "Padded Name Ltd");
		assertThat(history().get("PADDED").erpDescription()).isEqualTo("Padded Name Ltd");
	}

	@Test
	void aCompanyLongerThanTheContractAllowsIsFailedNamingFieldAndLimitAndNeverSent() throws Exception {
		// The demo schema keeps 255 characters of account name; an ERP that keeps more
		// (Acumatica's own column, a customisation) sends 300.
		erp.jdbc().update("ALTER TABLE Customer MODIFY AcctName VARCHAR(400) NOT NULL");
		String company = "Longwinded " + "Preserves ".repeat(28) + "Holdings.";
		assertThat(company).hasSize(300);
		addCustomerWithContact("LONGNAME", company, "orders@longname.example");

		RunSummary first = launch(Map.of());

		SyncRecord longName = history().get("LONGNAME");
		assertThat(longName.status()).isEqualTo(SyncStatus.FAILED);
		assertThat(longName.externalId()).isNull();
		assertThat(longName.lastError()).startsWith("customer LONGNAME (")
			.endsWith(" not sent: company is 300 characters; the store accepts at most 255 (customers.v3.yml)");
		assertThat(store().requests()).as("no request carries it")
			.noneMatch(
					request -> request.body().contains("longname") || request.body().contains("Preserves Preserves"));
		assertThat(first.inserted()).as("the others are sent").isEqualTo(3);
		assertThat(first.failed()).as("LONGNAME and BERRYBAR").isEqualTo(2);
		assertThat(storeCustomersByEmail()).containsOnlyKeys("info@fruitico.example", "orders@jamifique.example",
				"hello@marmalado.example");
		int requestsAfterFirstRun = store().requests().size();

		RunSummary second = launch(Map.of());

		assertThat(second.failed()).as("only BERRYBAR is attempted again; LONGNAME waits for a change").isEqualTo(1);
		assertThat(store().requests()).hasSize(requestsAfterFirstRun);
		assertThat(history().get("LONGNAME").status()).isEqualTo(SyncStatus.FAILED);
		assertThat(history().get("LONGNAME").lastAttemptAt()).isEqualTo(longName.lastAttemptAt());

		erp.editCustomer("LONGNAME", "AcctName", "Longwinded Preserves Ltd", LATER.plusHours(1));
		RunSummary third = launch(Map.of());

		assertThat(third.inserted()).as("changed in the ERP, it is sent").isEqualTo(1);
		assertThat(history().get("LONGNAME").status()).isEqualTo(SyncStatus.PROCESSED);
		assertThat(storeCustomersByEmail().get("orders@longname.example")).containsEntry("company",
				"Longwinded Preserves Ltd");
	}

	/**
	 * A COMMERCEBB customer whose primary contact supplies the store's first and last
	 * name.
	 */
	private void addCustomerWithContact(String customerId, String accountName, String email) {
		erp.jdbc()
			.update("INSERT INTO Contact (CompanyID, ContactID, FirstName, LastName, DisplayName,"
					+ " LastModifiedDateTime) VALUES (2, 901, 'Lena', 'Long', 'Lena Long', ?)",
					Timestamp.valueOf(LATER));
		erp.jdbc()
			.update("INSERT INTO Customer (CompanyID, CustomerID, AcctName, CustomerClassID, Email, Phone1,"
					+ " PrimaryContactID, CountryID, Status, CreatedDateTime, LastModifiedDateTime)"
					+ " VALUES (2, ?, ?, 'COMMERCEBB', ?, NULL, 901, 'US', 'A', ?, ?)", customerId, accountName, email,
					Timestamp.valueOf(LATER), Timestamp.valueOf(LATER));
	}

}
