package io.syncbatch.rules;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;

/**
 * Composes a text from columns: {@code "Invoice {RefNbr}: {Status}"}. An empty column
 * leaves its placeholder empty; a text longer than {@code max-length} rejects the record,
 * because stores cut such fields silently.
 */
public record TextRule(String target, String template, @Nullable Integer maxLength) implements MappingRule {

	public TextRule {
		RuleSettings.require("text", "target", target, "template", template);
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload)
			throws RecordRejectedException {
		String text = new Template(template).render(record);
		if (maxLength != null && text.length() > maxLength) {
			throw new RecordRejectedException(target, "'" + text + "' is longer than " + maxLength + " characters");
		}
		TargetPath.put(payload, target, text);
	}

	@Override
	public List<String> targets() {
		return List.of(target);
	}

	@Override
	public List<String> sourceColumns() {
		return new Template(template).fields();
	}
}
