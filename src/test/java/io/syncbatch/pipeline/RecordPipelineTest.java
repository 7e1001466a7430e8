package io.syncbatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.rules.FilterCondition;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.record.DataRecord;
import io.syncbatch.record.Fingerprint;
import io.syncbatch.record.SourceRecord;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.testsupport.ProjectDefinitions;

/**
 * The mapping rules and filtering conditions of the shipped {@code jobs/customer.yml},
 * record by record.
 */
class RecordPipelineTest {

	/**
	 * The customer's rules read only the record: the pipeline has no ERP and no history
	 * here, so a rule that asked for a reference or child rows would fail the test.
	 */
	private static final RecordPipeline PIPELINE = new RecordPipeline(null, null, null, null, null, null, null, null,
			null, Clock.systemUTC(), null);

	private final EntityDefinition customer = ProjectDefinitions.shipped().entity("customer");

	@Test
	void primaryContactNameWinsButEmailAndPhoneComeFromTheAccount() {
		Decision decision = process(customer, row("JAMIFIQUE", "Jamifique factory", "COMMERCEBB",
				"orders@jamifique.example", "+1 646 555 0192", "Colleen", "Plunkett"));

		assertThat(decision.needsWrite()).isTrue();
		assertThat(decision.payload())
			.containsExactlyInAnyOrderEntriesOf(Map.of("email", "orders@jamifique.example", "first_name", "Colleen",
					"last_name", "Plunkett", "phone", "+1 646 555 0192", "company", "Jamifique factory"));
	}

	@Test
	void withoutAContactNameTheAccountNameIsSplitIntoFirstWordAndRest() {
		Decision decision = process(customer,
				row("FRUITICO", "Fruitico Coffee and Cakes", "COMMERCEBB", "info@fruitico.example", null, null, null));

		assertThat(decision.payload()).containsEntry("first_name", "Fruitico")
			.containsEntry("last_name", "Coffee and Cakes")
			.as("no phone is sent as the empty text, so that an update clears the store's")
			.containsEntry("phone", "");
	}

	@Test
	void aContactWithOnlyOneNamePartFallsBackToTheAccountName() {
		Decision decision = process(customer,
				row("HALF", "Half Named Ltd", "COMMERCEBB", "h@half.example", null, null, "Plunkett"));

		assertThat(decision.payload()).containsEntry("first_name", "Half").containsEntry("last_name", "Named Ltd");
	}

	@Test
	void aNameTooLongForTheStoreFailsNamingTheField() {
		Decision decision = process(customer,
				row("LONG", "Long " + "x".repeat(101), "COMMERCEBB", "l@long.example", null, null, null));

		assertThat(decision.outcome().status()).isEqualTo(SyncStatus.FAILED);
		assertThat(decision.outcome().reason()).contains("LONG", "last_name", "longer than 100 characters");
	}

	@Test
	void theSeedsConditionsFilterOtherClassesAndMissingEmails() {
		Decision otherClass = process(customer,
				row("ABC", "ABC Studios", "DEFAULT", "a@abc.example", null, null, null));
		Decision noEmail = process(customer,
				row("ORCHARDCO", "Orchard Cooperative", "COMMERCEBB", null, null, "Owen", "Hart"));

		assertThat(otherClass.outcome().status()).isEqualTo(SyncStatus.FILTERED);
		assertThat(otherClass.outcome().reason()).endsWith("CustomerClassID Equals COMMERCEBB");
		assertThat(noEmail.outcome().status()).isEqualTo(SyncStatus.FILTERED);
		assertThat(noEmail.outcome().reason()).endsWith("Email IsNotEmpty");
	}

	@Test
	void withTheEmailConditionSwitchedOffACustomerWithoutEmailFailsAndIsNotSent() {
		EntityDefinition emailConditionOff = withConditions(customer, List.of(customer.exportFilter().get(0),
				new FilterCondition(false, "Email", customer.exportFilter().get(1).condition(), null, null)));

		Decision decision = process(emailConditionOff,
				row("ORCHARDCO", "Orchard Cooperative", "COMMERCEBB", null, null, "Owen", "Hart"));

		assertThat(decision.needsWrite()).isFalse();
		assertThat(decision.outcome().status()).isEqualTo(SyncStatus.FAILED);
		assertThat(decision.outcome().reason())
			.isEqualTo("customer ORCHARDCO (Orchard Cooperative) not sent: email: an email is required by the"
					+ " store but Email is empty");
	}

	@Test
	void aRowTheQueryNoLongerSelectsIsRecordedAsDeleted() {
		SyncRecord record = new SyncRecord("s", "customer", "GONE", "Gone Ltd", "7", SyncStatus.PROCESSED, null,
				SyncDirection.EXPORT, "h", null, 0, null, null, null, null);

		Decision decision = PIPELINE.decide(context(customer),
				new SyncItem(new WaitingRecord("GONE", LocalDateTime.of(2026, 10, 2, 10, 0), record, "h"), null));

		assertThat(decision.outcome().status()).isEqualTo(SyncStatus.DELETED);
		assertThat(decision.outcome().reason()).contains("jobs/customer.yml");
	}

	private static Decision process(EntityDefinition definition, SourceRecord row) {
		return PIPELINE.decide(context(definition),
				new SyncItem(new WaitingRecord(row.key(), row.changedAt(), null, row.fingerprint()), row));
	}

	private static SyncContext context(EntityDefinition definition) {
		return new SyncContext(definition.job(SyncDirection.EXPORT), "s", Map.of(), null, Tally.NONE, false);
	}

	private static EntityDefinition withConditions(EntityDefinition definition, List<FilterCondition> conditions) {
		return new EntityDefinition(definition.entity(), definition.description(), definition.source(),
				definition.batchFilters(), conditions, definition.mapping(), definition.target(),
				definition.importing(), definition.direction(), definition.primary(), definition.dependsOn(),
				definition.chunkSize(), definition.maxAttempts(), definition.syncModes(), definition.events(),
				definition.origin());
	}

	static SourceRecord row(String id, String name, String customerClass, String email, String phone,
			String contactFirstName, String contactLastName) {
		Map<String, Object> values = new HashMap<>();
		values.put("CustomerID", id);
		values.put("AcctName", name);
		values.put("CustomerClassID", customerClass);
		values.put("Email", email);
		values.put("Phone", phone);
		values.put("ContactFirstName", contactFirstName);
		values.put("ContactLastName", contactLastName);
		values.put("LastModifiedDateTime", LocalDateTime.of(2026, 10, 2, 10, 0));
		return new SourceRecord(id, name, LocalDateTime.of(2026, 10, 2, 10, 0), DataRecord.of(values),
				new Fingerprint("LastModifiedDateTime").of(values));
	}

}
