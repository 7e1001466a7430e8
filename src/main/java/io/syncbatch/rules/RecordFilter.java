package io.syncbatch.rules;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.sql.Types;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;

/**
 * The export filtering conditions of an entity, all of which must hold for a record to be
 * sent. Text compares ignoring case, as the ERP's database collation does.
 */
public final class RecordFilter {

	private final List<FilterCondition> conditions;

	public RecordFilter(List<FilterCondition> conditions) {
		this.conditions = conditions.stream().filter(FilterCondition::isActive).toList();
	}

	/** The first active condition the record does not meet, if any. */
	public Optional<FilterCondition> firstUnmet(DataRecord record) {
		return conditions.stream().filter(condition -> !holds(condition, record)).findFirst();
	}

	static boolean holds(FilterCondition condition, DataRecord record) {
		String text = record.text(condition.field());
		Object raw = record.value(condition.field());
		// IS_EMPTY and IS_NOT_EMPTY take no value and never read it
		String value = condition.condition().takesValue() ? given(condition.value()) : "";
		return switch (condition.condition()) {
			case IS_EMPTY -> text == null;
			case IS_NOT_EMPTY -> text != null;
			case EQUALS -> text != null && compare(raw, text, value) == 0;
			case NOT_EQUALS -> text == null || compare(raw, text, value) != 0;
			case IN -> text != null
					&& Arrays.stream(value.split(",")).anyMatch(candidate -> compare(raw, text, candidate.trim()) == 0);
			case CONTAINS -> text != null && lower(text).contains(lower(value));
			case STARTS_WITH -> text != null && lower(text).startsWith(lower(value));
			case GREATER_THAN -> text != null && compare(raw, text, value) > 0;
			case LESS_THAN -> text != null && compare(raw, text, value) < 0;
			case BETWEEN ->
				text != null && compare(raw, text, value) >= 0 && compare(raw, text, given(condition.value2())) <= 0;
		};
	}

	/**
	 * Why a condition's value cannot be compared with a column of this JDBC type, if it
	 * cannot: checked at launch, because at run time a mistyped value would silently
	 * compare as text.
	 */
	public static Optional<String> valueProblem(FilterCondition condition, int jdbcType) {
		List<String> values = switch (condition.condition()) {
			case EQUALS, NOT_EQUALS, GREATER_THAN, LESS_THAN -> List.of(given(condition.value()));
			case BETWEEN -> List.of(given(condition.value()), given(condition.value2()));
			case IN -> Arrays.stream(given(condition.value()).split(",")).map(String::trim).toList();
			default -> List.of();
		};
		boolean numeric = switch (jdbcType) {
			case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC, Types.REAL,
					Types.FLOAT, Types.DOUBLE ->
				true;
			default -> false;
		};
		boolean temporal = jdbcType == Types.DATE || jdbcType == Types.TIMESTAMP
				|| jdbcType == Types.TIMESTAMP_WITH_TIMEZONE;
		for (String value : values) {
			if (numeric && decimal(value) == null) {
				return Optional.of("'" + value + "' is not a number, but " + condition.field() + " is numeric");
			}
			if (temporal && parseDateTime(value) == null) {
				return Optional.of("'" + value + "' is not a date (yyyy-MM-dd or yyyy-MM-ddTHH:mm), but "
						+ condition.field() + " is a date");
			}
		}
		return Optional.empty();
	}

	/**
	 * Numbers compare as numbers and dates as dates, so "9" is less than "10" and dates
	 * are not strings.
	 */
	/**
	 * A condition's value, which the definition check requires of every condition that
	 * takes one.
	 */
	private static String given(@Nullable String value) {
		return Objects.requireNonNull(value, "the condition's value is missing");
	}

	private static int compare(@Nullable Object raw, String text, String value) {
		if (raw instanceof Number) {
			BigDecimal number = decimal(value);
			if (number != null) {
				return new BigDecimal(text).compareTo(number);
			}
		}
		LocalDateTime when = dateTime(raw);
		if (when != null) {
			LocalDateTime other = parseDateTime(value);
			if (other != null) {
				return when.compareTo(other);
			}
		}
		return text.compareToIgnoreCase(value);
	}

	private static @Nullable LocalDateTime dateTime(@Nullable Object raw) {
		if (raw instanceof LocalDateTime dateTime) {
			return dateTime;
		}
		if (raw instanceof Timestamp timestamp) {
			return timestamp.toLocalDateTime();
		}
		if (raw instanceof LocalDate date) {
			return date.atStartOfDay();
		}
		if (raw instanceof java.sql.Date date) {
			return date.toLocalDate().atStartOfDay();
		}
		return null;
	}

	private static @Nullable LocalDateTime parseDateTime(String value) {
		try {
			return value.length() <= 10 ? LocalDate.parse(value).atStartOfDay() : LocalDateTime.parse(value);
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}

	private static @Nullable BigDecimal decimal(String value) {
		try {
			return new BigDecimal(value.trim());
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	private static String lower(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

}
