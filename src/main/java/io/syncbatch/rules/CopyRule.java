package io.syncbatch.rules;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;

/**
 * Copies a column into a target field. An empty value is left out rather than sent as
 * null, because store APIs type these fields as strings and reject nulls.
 */
public record CopyRule(String target, String from, @Nullable Boolean required,
		@Nullable Integer maxLength) implements MappingRule {

	public CopyRule {
		RuleSettings.require("copy", "target", target, "from", from);
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload)
			throws RecordRejectedException {
		String value = record.text(from);
		if (value == null) {
			if (Boolean.TRUE.equals(required)) {
				throw new RecordRejectedException(target, "is required but " + from + " is empty");
			}
			return;
		}
		if (maxLength != null && value.length() > maxLength) {
			throw new RecordRejectedException(target, "'" + value + "' is longer than " + maxLength + " characters");
		}
		TargetPath.put(payload, target, value);
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
