package io.syncbatch.rules;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;

/**
 * A date from a date-time as a store writes it (ISO-8601, {@code 2026-12-07T10:15:00Z},
 * or RFC-2822, {@code Mon, 07 Dec 2026 10:15:00 +0000}): its day in UTC, for an ERP date
 * column such as a sales order's {@code OrderDate}. Text that is neither is refused
 * naming the value.
 */
public record DateRule(String target, String from, @Nullable Boolean required) implements MappingRule {

	public DateRule {
		RuleSettings.require("date", "target", target, "from", from);
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload)
			throws RecordRejectedException {
		String text = SourceText.of(record, from, target, Boolean.TRUE.equals(required));
		if (text == null) {
			return;
		}
		TargetPath.put(payload, target, day(text));
	}

	private LocalDate day(String text) throws RecordRejectedException {
		for (DateTimeFormatter format : List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME,
				DateTimeFormatter.RFC_1123_DATE_TIME)) {
			try {
				return OffsetDateTime.parse(text, format).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
			}
			catch (DateTimeParseException notThisOne) {
				// the next format
			}
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException notADate) {
			throw new RecordRejectedException(target,
					from + " '" + text + "' is not a date-time such as 2026-12-07T10:15:00Z");
		}
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
