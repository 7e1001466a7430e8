package io.syncbatch.rules;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;
import io.syncbatch.record.Whitespace;

/**
 * The first of several templates that is not empty: an ERP account name from a store
 * customer's company, or else from the customer's name ({@code of: ["{company}",
 * "{first_name} {last_name}"]}). Inner runs of whitespace become one space, so a missing
 * first name leaves no stray blank. When every template is empty the field is cleared, or
 * the record is refused when the field is {@code required}.
 */
public record FirstOfRule(String target, List<String> of, @Nullable Boolean required,
		@Nullable Integer maxLength) implements MappingRule {

	public FirstOfRule {
		RuleSettings.require("first-of", "target", target);
		if (of == null || of.isEmpty()) {
			throw new IllegalArgumentException("rule 'first-of' needs of: the templates to try, in order");
		}
		of = List.copyOf(of);
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload)
			throws RecordRejectedException {
		for (String template : of) {
			String value = Whitespace.collapsed(new Template(template).render(record));
			if (!value.isEmpty()) {
				if (maxLength != null && value.length() > maxLength) {
					throw new RecordRejectedException(target,
							"'" + value + "' is longer than " + maxLength + " characters");
				}
				TargetPath.put(payload, target, value);
				return;
			}
		}
		if (Boolean.TRUE.equals(required)) {
			throw new RecordRejectedException(target, "is required but " + String.join(", ", sourceColumns())
					+ (sourceColumns().size() == 1 ? " is" : " are all") + " empty");
		}
		TargetPath.put(payload, target, "");
	}

	@Override
	public List<String> targets() {
		return List.of(target);
	}

	@Override
	public List<String> sourceColumns() {
		return of.stream().flatMap(template -> new Template(template).fields().stream()).distinct().toList();
	}

}
