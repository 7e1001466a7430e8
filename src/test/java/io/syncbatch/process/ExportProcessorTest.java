package io.syncbatch.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedCaseInsensitiveMap;

import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.FilterCondition;
import io.syncbatch.process.mapping.MappingContext;
import io.syncbatch.source.ErpRow;
import io.syncbatch.source.RowHasher;
import io.syncbatch.state.SyncRecord;
import io.syncbatch.state.SyncStatus;
import io.syncbatch.testsupport.ProjectDefinitions;

/** The mapping rules and filtering conditions of the shipped {@code jobs/customer.yml}, record by record. */
class ExportProcessorTest {

    /** The customer's rules read only the row; a rule that asked for more would fail the test. */
    private static final MappingContext NO_REFERENCES = new MappingContext() {
        @Override
        public String externalId(String field, String entity, String erpId) {
            throw new AssertionError("unexpected reference to " + entity + " " + erpId);
        }

        @Override
        public List<ErpRow> childRows(String query, ErpRow parent) {
            throw new AssertionError("unexpected child query");
        }
    };

    private final EntityDefinition customer = ProjectDefinitions.shipped().entity("customer");

    @Test
    void primaryContactNameWinsButEmailAndPhoneComeFromTheAccount() {
        ExportDecision decision = process(customer, row("JAMIFIQUE", "Jamifique factory", "COMMERCEBB",
                "orders@jamifique.example", "+1 646 555 0192", "Colleen", "Plunkett"));

        assertThat(decision.needsStore()).isTrue();
        assertThat(decision.payload()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "email", "orders@jamifique.example", "first_name", "Colleen", "last_name", "Plunkett",
                "phone", "+1 646 555 0192", "company", "Jamifique factory"));
    }

    @Test
    void withoutAContactNameTheAccountNameIsSplitIntoFirstWordAndRest() {
        ExportDecision decision = process(customer, row("FRUITICO", "Fruitico Coffee and Cakes", "COMMERCEBB",
                "info@fruitico.example", null, null, null));

        assertThat(decision.payload()).containsEntry("first_name", "Fruitico")
                .containsEntry("last_name", "Coffee and Cakes")
                .doesNotContainKey("phone");
    }

    @Test
    void aContactWithOnlyOneNamePartFallsBackToTheAccountName() {
        ExportDecision decision = process(customer, row("HALF", "Half Named Ltd", "COMMERCEBB", "h@half.example",
                null, null, "Plunkett"));

        assertThat(decision.payload()).containsEntry("first_name", "Half").containsEntry("last_name", "Named Ltd");
    }

    @Test
    void aNameTooLongForTheStoreFailsNamingTheField() {
        ExportDecision decision = process(customer, row("LONG", "Long " + "x".repeat(101), "COMMERCEBB",
                "l@long.example", null, null, null));

        assertThat(decision.outcome().status()).isEqualTo(SyncStatus.FAILED);
        assertThat(decision.outcome().reason()).contains("LONG", "last_name", "longer than 100 characters");
    }

    @Test
    void theSeedsConditionsFilterOtherClassesAndMissingEmails() {
        ExportDecision otherClass = process(customer, row("ABC", "ABC Studios", "DEFAULT", "a@abc.example", null,
                null, null));
        ExportDecision noEmail = process(customer, row("ORCHARDCO", "Orchard Cooperative", "COMMERCEBB", null, null,
                "Owen", "Hart"));

        assertThat(otherClass.outcome().status()).isEqualTo(SyncStatus.FILTERED);
        assertThat(otherClass.outcome().reason()).endsWith("CustomerClassID Equals COMMERCEBB");
        assertThat(noEmail.outcome().status()).isEqualTo(SyncStatus.FILTERED);
        assertThat(noEmail.outcome().reason()).endsWith("Email IsNotEmpty");
    }

    @Test
    void withTheEmailConditionSwitchedOffACustomerWithoutEmailFailsAndIsNotSent() {
        EntityDefinition emailConditionOff = withConditions(customer, List.of(customer.exportFilter().get(0),
                new FilterCondition(false, "Email", customer.exportFilter().get(1).condition(), null, null)));

        ExportDecision decision = process(emailConditionOff, row("ORCHARDCO", "Orchard Cooperative", "COMMERCEBB",
                null, null, "Owen", "Hart"));

        assertThat(decision.needsStore()).isFalse();
        assertThat(decision.outcome().status()).isEqualTo(SyncStatus.FAILED);
        assertThat(decision.outcome().reason())
                .isEqualTo("customer ORCHARDCO (Orchard Cooperative) not sent: email: an email is required by the"
                        + " store but Email is empty");
    }

    @Test
    void aRowTheQueryNoLongerSelectsIsRecordedAsDeleted() {
        SyncRecord record = new SyncRecord("s", "customer", "GONE", "Gone Ltd", "7", SyncStatus.PREPARED, null,
                "h", 0, null, null, null, null, null);

        ExportDecision decision = new ExportProcessor(customer, NO_REFERENCES).process(new ExportItem(record, null));

        assertThat(decision.outcome().status()).isEqualTo(SyncStatus.DELETED);
        assertThat(decision.outcome().reason()).contains("jobs/customer.yml");
    }

    private static ExportDecision process(EntityDefinition definition, ErpRow row) {
        SyncRecord record = new SyncRecord("s", "customer", row.key(), row.description(), null,
                SyncStatus.PREPARED, null, row.hash(), 0, null, null, null, null, row.changedAt());
        return new ExportProcessor(definition, NO_REFERENCES).process(new ExportItem(record, row));
    }

    private static EntityDefinition withConditions(EntityDefinition definition, List<FilterCondition> conditions) {
        return new EntityDefinition(definition.entity(), definition.description(), definition.source(),
                definition.batchFilters(), conditions,
                definition.mapping(), definition.target(), definition.dependsOn(), definition.chunkSize(), definition.maxAttempts(),
                definition.origin());
    }

    static ErpRow row(String id, String name, String customerClass, String email, String phone,
            String contactFirstName, String contactLastName) {
        Map<String, Object> columns = new LinkedCaseInsensitiveMap<>();
        Map<String, Object> values = new HashMap<>();
        values.put("CustomerID", id);
        values.put("AcctName", name);
        values.put("CustomerClassID", customerClass);
        values.put("Email", email);
        values.put("Phone", phone);
        values.put("ContactFirstName", contactFirstName);
        values.put("ContactLastName", contactLastName);
        values.put("LastModifiedDateTime", LocalDateTime.of(2026, 10, 2, 10, 0));
        columns.putAll(values);
        return new ErpRow(id, name, LocalDateTime.of(2026, 10, 2, 10, 0), columns,
                new RowHasher("LastModifiedDateTime").hash(columns));
    }
}
