package io.syncbatch.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.syncbatch.rules.FilterCondition;
import io.syncbatch.record.DataRecord;
import io.syncbatch.testsupport.ProjectDefinitions;

/** A broken {@code jobs/*.yml} stops start-up with the file and the field named. */
class DefinitionsTest {

	@TempDir
	Path jobs;

	@Test
	void theShippedCustomerDefinitionReadsAsTheSeedConfiguresIt() {
		EntityDefinition customer = ProjectDefinitions.shipped().entity("customer");

		assertThat(customer.jobs()).extracting(EntityJob::name).containsExactly("customer-export", "customer-import");
		assertThat(customer.origin()).isEqualTo("jobs/customer.yml");
		assertThat(customer.source().parameters()).containsEntry("companyId", 2);
		assertThat(customer.exportFilter()).extracting(FilterCondition::describe)
			.containsExactly("CustomerClassID Equals COMMERCEBB", "Email IsNotEmpty");
		assertThat(customer.target().resource()).isEqualTo("customers");
		// Sync Direction: Bidirectional, Primary System: External System; imported
		// customers take class ECCUSTOMER, whose numbering sequence gives their ids.
		assertThat(customer.direction()).isEqualTo(SyncDirection.BIDIRECTIONAL);
		assertThat(customer.primary()).isEqualTo(PrimarySystem.STORE);
		assertThat(customer.importSpec().resource()).isEqualTo("customers");
		assertThat(customer.importSpec().erpTarget().table()).isEqualTo("Customer");
		assertThat(customer.importSpec().erpTarget().classColumn()).isEqualTo("CustomerClassID");
		assertThat(customer.importSpec().erpTarget().recordClass()).isEqualTo("ECCUSTOMER");
		assertThat(customer.importSpec().erpTarget().keepStoreKey()).isFalse();
		assertThat(customer.importSpec().readFields()).containsExactlyInAnyOrder("company", "first_name", "last_name",
				"email", "phone");
	}

	@Test
	void syncModesAndEventsAreCheckedAsTheDefinitionIsRead() throws IOException {
		String shipped = Files.readString(Path.of("jobs/customer.yml"));
		Files.writeString(jobs.resolve("customer.yml"),
				shipped.replace("\nchunk-size:", "\nsync-modes: [real-time]\nevents: [shift-closed]\nchunk-size:"));
		assertThatThrownBy(() -> ProjectDefinitions.load("file:" + jobs + "/*.yml"))
			.isInstanceOf(DefinitionException.class)
			.hasMessageContaining("jobs/customer.yml: events are given but sync-modes [real-time] has no on-event");

		Files.writeString(jobs.resolve("customer.yml"),
				shipped.replace("\nchunk-size:", "\nevents: [Shift Closed]\nchunk-size:"));
		assertThatThrownBy(() -> ProjectDefinitions.load("file:" + jobs + "/*.yml"))
			.isInstanceOf(DefinitionException.class)
			.hasMessageContaining("event 'Shift Closed' is not an event name");

		Files.writeString(jobs.resolve("customer.yml"),
				shipped.replace("\nchunk-size:", "\nsync-modes: [hourly]\nchunk-size:"));
		assertThatThrownBy(() -> ProjectDefinitions.load("file:" + jobs + "/*.yml"))
			.isInstanceOf(DefinitionException.class)
			.hasMessageContaining("unknown sync mode 'hourly'; expected real-time, scheduled or on-event");

		EntityDefinition invoice = ProjectDefinitions.shipped().entity("invoice");
		assertThat(invoice.syncModes()).containsExactly(SyncMode.SCHEDULED, SyncMode.ON_EVENT);
		assertThat(invoice.events()).containsExactly("shift-closed");
		assertThat(ProjectDefinitions.shipped().entity("customer").syncModes()).as("all three by default")
			.containsExactly(SyncMode.values());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"an import on an export        | direction: bidirectional | direction: export        | import is given but direction is export",
			"a bidirectional without primary | primary: store         | ''                       | primary is required for a bidirectional entity",
			"a kept store key without field | keep-store-key: false   | keep-store-key: true     | import.store-key is required with erp-target.keep-store-key",
			"an import without a table     | table: Customer          | ''                       | erp-target.table is required",
			"a table that is no identifier | table: Customer          | 'table: \"Customer; DROP\"' | erp-target.table: 'Customer; DROP' is not a plain column or table name" })
	void aBrokenImportNamesTheFileAndTheField(String problem, String good, String broken, String message)
			throws IOException {
		String shipped = Files.readString(Path.of("jobs/customer.yml"));
		assertThat(shipped).contains(good);
		Files.writeString(jobs.resolve("customer.yml"),
				shipped.replaceFirst(java.util.regex.Pattern.quote(good), broken));

		assertThatThrownBy(() -> ProjectDefinitions.load("file:" + jobs + "/*.yml"))
			.isInstanceOf(DefinitionException.class)
			.hasMessageStartingWith("jobs/customer.yml: ")
			.hasMessageContaining(message);
	}

	@Test
	void aPlatformsNamesRenameWhatIsSentAndReadAndLeaveOutWhatItKeepsElsewhere() {
		OnPlatform magento = ProjectDefinitions.shipped().entity("customer").target().on("magento");
		Map<String, Object> mapped = new java.util.LinkedHashMap<>();
		mapped.put("email", "info@fruitico.example");
		mapped.put("first_name", "Ann");
		mapped.put("last_name", "Lee");
		mapped.put("phone", "+1 555 0100");
		mapped.put("company", "Fruitico");

		assertThat(magento.outgoing(mapped)).containsExactly(Map.entry("email", "info@fruitico.example"),
				Map.entry("firstname", "Ann"), Map.entry("lastname", "Lee"));
		DataRecord read = magento.incoming(DataRecord.of(Map.of("email", "info@fruitico.example", "firstname", "Ann",
				"lastname", "Lee", "telephone", "+1 555 0100", "company", "Fruitico")));
		assertThat(read.fields()).containsOnlyKeys("email", "first_name", "last_name", "phone", "company");
		assertThat(read.text("phone")).isEqualTo("+1 555 0100");
		assertThat(ProjectDefinitions.shipped().entity("customer").target().on("bigcommerce").outgoing(mapped))
			.as("a platform the definition does not name gets the mapping's own names")
			.isEqualTo(mapped);
	}

	@Test
	void anImportWithoutItsSectionIsRefusedSayingWhatItNeeds() throws IOException {
		String shipped = Files.readString(Path.of("jobs/customer-location.yml"));
		int from = shipped.indexOf("\nimport:\n");
		int to = shipped.indexOf("\nchunk-size:");
		assertThat(from).isPositive().isLessThan(to);
		Files.writeString(jobs.resolve("customer-location.yml"),
				(shipped.substring(0, from) + shipped.substring(to))
					.replace("direction: bidirectional", "direction: import")
					.replace("primary: store", ""));

		assertThatThrownBy(() -> ProjectDefinitions.load("file:" + jobs + "/*.yml"))
			.isInstanceOf(DefinitionException.class)
			.hasMessageStartingWith("jobs/customer-location.yml: ")
			.hasMessageContaining("direction import needs an import section (resource, mapping, erp-target)")
			.as("an import-only entity cannot go the other way on a platform")
			.hasMessageContaining("target.platforms.magento.direction: export, but the entity goes import only");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"an unknown field       | chunk-size: 50                 | chunk-sise: 50           | Unrecognized property \"chunk-sise\"",
			"an unknown condition   | condition: Equals              | condition: Equalz        | unknown condition 'Equalz'; expected one of Equals",
			"a rule setting missing | from: Email                    | ''                       | rule 'email' needs from",
			"a missing key          | 'key: CustomerID'              | ''                       | source.key is required",
			"a value missing        | value: COMMERCEBB              | ''                       | export-filter[0].value is required",
			"an unknown rule        | rule: copy                     | rule: uppercase          | uppercase",
			"a bad chunk size       | chunk-size: 50                 | chunk-size: 0            | chunk-size must be between 1 and 10000",
			"a field no rule fills         | phone: telephone}       | fax: telephone}          | target.platforms.magento.rename.fax: no mapping rule fills 'fax'",
			"an omitted field no rule fills | omit: [phone, company] | 'omit: [phone, fax]'     | target.platforms.magento.omit: no mapping rule fills 'fax'",
			"two fields made one           | lastname, phone: telephone} | 'firstname, phone: telephone}' | target.platforms.magento.rename.last_name: 'firstname' is already a field sent to magento",
			"a blank name                  | first_name: firstname,  | 'first_name: \"\",'     | target.platforms.magento.rename.first_name needs the platform's name of the field",
			"an insert-only column no rule fills | 'insert-only: [AcctName, Phone1]' | 'insert-only: [AcctNam, Phone1]' | target.platforms.magento.import.insert-only: no rule of import.mapping fills 'AcctNam'" })
	void aBrokenDefinitionNamesTheFileAndTheField(String problem, String good, String broken, String message)
			throws IOException {
		String shipped = Files.readString(Path.of("jobs/customer.yml"));
		assertThat(shipped).contains(good);
		Files.writeString(jobs.resolve("customer.yml"),
				shipped.replaceFirst(java.util.regex.Pattern.quote(good), broken));

		assertThatThrownBy(() -> ProjectDefinitions.load("file:" + jobs + "/*.yml"))
			.isInstanceOf(DefinitionException.class)
			.hasMessageStartingWith("jobs/customer.yml: ")
			.hasMessageContaining(message);
	}

	@Test
	void aPlatformsRuleMustTakeThePlaceOfARuleOfTheSameTarget() throws IOException {
		String shipped = Files.readString(Path.of("jobs/sales-order.yml"));
		String good = "            target: CustomerOrderNbr\n            template: \"MG";
		assertThat(shipped).contains(good);
		Files.writeString(jobs.resolve("sales-order.yml"),
				shipped.replace(good, "            target: CustomerOrderNo\n            template: \"MG"));

		assertThatThrownBy(() -> ProjectDefinitions.load("file:" + jobs + "/*.yml"))
			.isInstanceOf(DefinitionException.class)
			.hasMessageStartingWith("jobs/sales-order.yml: ")
			.hasMessageContaining("target.platforms.magento.import.mapping[2] fills [CustomerOrderNo], but no rule of"
					+ " import.mapping does");
	}

	@Test
	void onAPlatformTheDefinitionTakesItsResourceItsWayAndItsRules() {
		Definitions shipped = ProjectDefinitions.shipped();

		EntityDefinition orders = shipped.entity("sales-order").on("magento");
		assertThat(orders.direction()).isEqualTo(SyncDirection.IMPORT);
		assertThat(orders.primary()).isNull();
		assertThat(orders.importSpec().description()).isEqualTo("store order {increment_id}");
		assertThat(orders.importSpec().mapping()).filteredOn(rule -> rule.targets().equals(List.of("Status")))
			.singleElement()
			.satisfies(rule -> assertThat(rule.sourceColumns()).containsExactly("status"));
		assertThat(orders.importSpec().mapping()).as("the rules Magento does not replace stay")
			.filteredOn(rule -> rule.targets().equals(List.of("CustomerID")))
			.singleElement()
			.satisfies(rule -> assertThat(rule.sourceColumns()).containsExactly("customer_id"));
		assertThat(shipped.entity("sales-order").on("bigcommerce")).isSameAs(shipped.entity("sales-order"));

		assertThat(shipped.entity("invoice").on("magento").target().resource()).isEqualTo("order-invoices");
		assertThat(shipped.entity("invoice").on("bigcommerce").target().resource()).isEqualTo("order-staff-notes");
	}

	@Test
	void bothWaysNamedAsThePlatformsOneWayIsRefused() throws IOException {
		String shipped = Files.readString(Path.of("jobs/customer-location.yml"));
		assertThat(shipped).contains("      direction: export");
		Files.writeString(jobs.resolve("customer-location.yml"),
				shipped.replace("      direction: export", "      direction: bidirectional"));

		assertThatThrownBy(() -> ProjectDefinitions.load("file:" + jobs + "/*.yml"))
			.isInstanceOf(DefinitionException.class)
			.hasMessageStartingWith("jobs/customer-location.yml: ")
			.hasMessageContaining("target.platforms.magento.direction: export or import, the one way the entity goes"
					+ " on magento (leave it out for both ways)");
	}

	@Test
	void anEntityMustLiveInTheFileOfItsName() throws IOException {
		Files.copy(Path.of("jobs/customer.yml"), jobs.resolve("clients.yml"));

		assertThatThrownBy(() -> ProjectDefinitions.load("file:" + jobs + "/*.yml"))
			.hasMessage("jobs/clients.yml: entity 'customer' must be defined in customer.yml");
	}

	@Test
	void entitiesAreOrderedAfterTheEntitiesTheyReferTo() {
		assertThat(ProjectDefinitions.shipped().inSyncOrder()).extracting(EntityDefinition::entity)
			.containsExactly("category", "customer", "customer-location", "product", "sales-order", "invoice",
					"shipment", "order-status");
	}

	@Test
	void aReferenceToAnUndefinedEntityIsRefused() throws IOException {
		Files.writeString(jobs.resolve("customer-location.yml"),
				Files.readString(Path.of("jobs/customer-location.yml")));

		assertThatThrownBy(() -> ProjectDefinitions.load("file:" + jobs + "/*.yml"))
			.hasMessage("jobs/customer-location.yml: mapping refers to entity 'customer', which no file in jobs/"
					+ " defines (defined: [customer-location])");
	}

	@Test
	void entitiesThatReferToEachOtherInACircleAreRefused() throws IOException {
		Files.writeString(jobs.resolve("customer.yml"), Files.readString(Path.of("jobs/customer.yml"))
			.replace("chunk-size: 50", "depends-on: [customer-location]\nchunk-size: 50"));
		Files.copy(Path.of("jobs/customer-location.yml"), jobs.resolve("customer-location.yml"));

		assertThatThrownBy(() -> ProjectDefinitions.load("file:" + jobs + "/*.yml"))
			.hasMessageContaining("entities refer to each other in a circle, so none can be sent first:"
					+ " customer -> customer-location -> customer");
	}

}
