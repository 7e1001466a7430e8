package io.syncbatch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.syncbatch.record.DataRecord;

/**
 * A text with placeholders for fields: {@code "Invoice {RefNbr}: {Status}"},
 * {@code "{first_name} {last_name}"}. An empty or missing field leaves its placeholder
 * empty.
 */
public final class Template {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_.]*)}");

	private final String text;

	public Template(String text) {
		this.text = text;
	}

	/** The template filled in from the record's fields, as they are. */
	public String render(DataRecord record) {
		Matcher placeholders = PLACEHOLDER.matcher(text);
		StringBuilder rendered = new StringBuilder();
		while (placeholders.find()) {
			String value = record.text(placeholders.group(1));
			placeholders.appendReplacement(rendered, Matcher.quoteReplacement(value == null ? "" : value));
		}
		placeholders.appendTail(rendered);
		return rendered.toString();
	}

	/** The fields the template reads. */
	public List<String> fields() {
		List<String> fields = new ArrayList<>();
		Matcher placeholders = PLACEHOLDER.matcher(text);
		while (placeholders.find()) {
			fields.add(placeholders.group(1));
		}
		return fields;
	}

}
