package io.syncbatch.process.mapping;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.syncbatch.source.ErpRow;

/**
 * One mapping rule of a definition: fills target fields from the ERP row, or rejects the record with a reason
 * that names the field. Rules run in the order the definition lists them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "rule")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CopyRule.class, name = "copy"),
        @JsonSubTypes.Type(value = EmailRule.class, name = "email"),
        @JsonSubTypes.Type(value = NameFallbackRule.class, name = "name-fallback") })
public sealed interface MappingRule permits CopyRule, EmailRule, NameFallbackRule {

    void apply(ErpRow row, Map<String, Object> payload) throws RecordRejectedException;

    /** The ERP columns the rule reads, checked against the query before a job runs. */
    List<String> sourceColumns();
}
