package io.syncbatch.rules;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;

/**
 * The id of another entity's record on the side the record is written to: an exported
 * sales order's {@code customer_id} is the id the store gave the customer whose ERP id is
 * in {@code CustomerID}; an imported order's {@code CustomerID} is the ERP id of the
 * store customer in {@code customer_id}. Until that customer is there the order is HELD,
 * with the customer's own sync status as the reason. Store ids that are numbers are sent
 * as numbers.
 *
 * @param required when false, an empty column leaves the field out (a category without
 * parent gets {@code
 *                 default-value}, if set)
 */
public record ReferenceRule(String target, String entity, String from, @Nullable Boolean required,
		@Nullable Object defaultValue) implements MappingRule {

	public ReferenceRule {
		RuleSettings.require("reference", "target", target, "entity", entity, "from", from);
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload)
			throws RecordRejectedException {
		String key = SourceText.of(record, from, target, !Boolean.FALSE.equals(required));
		if (key == null) {
			if (defaultValue != null) {
				TargetPath.put(payload, target, defaultValue);
			}
			return;
		}
		TargetPath.put(payload, target, context.boundId(target, entity, key));
	}

	@Override
	public List<String> targets() {
		return List.of(target);
	}

	@Override
	public List<String> sourceColumns() {
		return List.of(from);
	}

	@Override
	public List<String> referencedEntities() {
		return List.of(entity);
	}
}
