package io.syncbatch.rules;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;
import io.syncbatch.record.Whitespace;

/**
 * Copies a column into a target field. An empty column is sent as the empty text, not
 * left out: an update must clear in the store what was cleared in the ERP, and the store
 * contracts type these fields as strings, which refuse null. {@code collapse-whitespace}
 * turns inner runs of whitespace into one space, for names typed by hand.
 */
public record CopyRule(String target, String from, @Nullable Boolean required, @Nullable Integer maxLength,
		@Nullable Boolean collapseWhitespace) implements MappingRule {

	public CopyRule {
		RuleSettings.require("copy", "target", target, "from", from);
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload)
			throws RecordRejectedException {
		String value = SourceText.of(record, from, target, Boolean.TRUE.equals(required));
		if (value == null) {
			TargetPath.put(payload, target, "");
			return;
		}
		if (Boolean.TRUE.equals(collapseWhitespace)) {
			value = Whitespace.collapsed(value);
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
