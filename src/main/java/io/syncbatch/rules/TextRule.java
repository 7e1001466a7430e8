package io.syncbatch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;

/**
 * Composes a text from columns: {@code "Invoice {RefNbr}: {Status}"}. An empty column
 * leaves its placeholder empty; a text longer than {@code max-length} rejects the record,
 * because stores cut such fields silently.
 */
public record TextRule(String target, String template, @Nullable Integer maxLength) implements MappingRule {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

	public TextRule {
		RuleSettings.require("text", "target", target, "template", template);
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload)
			throws RecordRejectedException {
		Matcher placeholders = PLACEHOLDER.matcher(template);
		StringBuilder text = new StringBuilder();
		while (placeholders.find()) {
			String value = record.text(placeholders.group(1));
			placeholders.appendReplacement(text, Matcher.quoteReplacement(value == null ? "" : value));
		}
		placeholders.appendTail(text);
		if (maxLength != null && text.length() > maxLength) {
			throw new RecordRejectedException(target, "'" + text + "' is longer than " + maxLength + " characters");
		}
		TargetPath.put(payload, target, text.toString());
	}

	@Override
	public List<String> targets() {
		return List.of(target);
	}

	@Override
	public List<String> sourceColumns() {
		List<String> columns = new ArrayList<>();
		Matcher placeholders = PLACEHOLDER.matcher(template);
		while (placeholders.find()) {
			columns.add(placeholders.group(1));
		}
		return columns;
	}
}
