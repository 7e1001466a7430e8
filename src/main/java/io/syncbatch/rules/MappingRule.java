package io.syncbatch.rules;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.syncbatch.record.DataRecord;

/**
 * One mapping rule of a definition: fills target fields from the ERP record, or rejects
 * the record with a reason that names the field. Rules run in the order the definition
 * lists them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "rule")
@JsonSubTypes({ @JsonSubTypes.Type(value = CopyRule.class, name = "copy"),
		@JsonSubTypes.Type(value = EmailRule.class, name = "email"),
		@JsonSubTypes.Type(value = NameFallbackRule.class, name = "name-fallback"),
		@JsonSubTypes.Type(value = NumberRule.class, name = "number"),
		@JsonSubTypes.Type(value = ConstantRule.class, name = "constant"),
		@JsonSubTypes.Type(value = ValueMapRule.class, name = "map"),
		@JsonSubTypes.Type(value = TextRule.class, name = "text"),
		@JsonSubTypes.Type(value = FirstOfRule.class, name = "first-of"),
		@JsonSubTypes.Type(value = DateRule.class, name = "date"),
		@JsonSubTypes.Type(value = ExistsRule.class, name = "exists"),
		@JsonSubTypes.Type(value = ReferenceRule.class, name = "reference"),
		@JsonSubTypes.Type(value = LinesRule.class, name = "lines") })
public sealed interface MappingRule permits CopyRule, EmailRule, NameFallbackRule, NumberRule, ConstantRule,
		ValueMapRule, TextRule, FirstOfRule, DateRule, ExistsRule, ReferenceRule, LinesRule {

	void apply(MappingContext context, DataRecord record, Map<String, Object> payload) throws RecordRejectedException;

	/** The fields the rule fills, e.g. {@code billing_address.zip}. */
	List<String> targets();

	/**
	 * The fields of the record the rule reads, checked against the query before a job
	 * runs.
	 */
	List<String> sourceColumns();

	/**
	 * Entities whose records this rule refers to: they are synced first and their ids are
	 * looked up.
	 */
	default List<String> referencedEntities() {
		return List.of();
	}

}
