package io.syncbatch.rules;

import java.util.List;
import java.util.Map;

import io.syncbatch.record.DataRecord;

/**
 * A fixed value the store needs and the ERP has no column for, such as a product's
 * {@code type: physical}.
 */
public record ConstantRule(String target, Object value) implements MappingRule {

	public ConstantRule {
		RuleSettings.require("constant", "target", target, "value", value == null ? null : value.toString());
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload) {
		TargetPath.put(payload, target, value);
	}

	@Override
	public List<String> targets() {
		return List.of(target);
	}

	@Override
	public List<String> sourceColumns() {
		return List.of();
	}
}
