package io.syncbatch.rules;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;

/**
 * Translates an ERP code into the store's value, e.g. an order status {@code H} (On Hold)
 * into BigCommerce's status id 13. An ERP value without a translation rejects the record
 * rather than guessing.
 */
public record ValueMapRule(String target, String from, Map<String, Object> values,
		@Nullable Boolean required) implements MappingRule {

	public ValueMapRule {
		RuleSettings.require("map", "target", target, "from", from);
		if (values == null || values.isEmpty()) {
			throw new IllegalArgumentException("rule 'map' needs values");
		}
		Map<String, Object> ignoringCase = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		ignoringCase.putAll(values);
		values = ignoringCase;
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload)
			throws RecordRejectedException {
		String code = SourceText.of(record, from, target, Boolean.TRUE.equals(required));
		if (code == null) {
			return;
		}
		if (!values.containsKey(code)) {
			throw new RecordRejectedException(target,
					from + " '" + code + "' has no translation (known: " + String.join(", ", values.keySet()) + ")");
		}
		TargetPath.put(payload, target, values.get(code));
	}

	@Override
	public List<String> targets() {
		return List.of(target);
	}

	@Override
	public List<String> sourceColumns() {
		return List.of(from);
	}
}
