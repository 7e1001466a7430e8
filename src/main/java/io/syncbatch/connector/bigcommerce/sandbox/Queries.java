package io.syncbatch.connector.bigcommerce.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.sandbox.SandboxRejection;

/**
 * Reads typed values out of query parameters, answering 400 for a value that does not
 * fit.
 */
final class Queries {

	private Queries() {
	}

	static int positiveInt(Map<String, String> query, String name) {
		return intAtLeast(query, name, 1);
	}

	static int intAtLeast(Map<String, String> query, String name, int min) {
		return parse(name, query.get(name), min);
	}

	/**
	 * A comma-separated list such as {@code id:in=1,2,3}, or {@code null} when the filter
	 * is absent.
	 */
	static @Nullable Set<Integer> ids(Map<String, String> query, String name) {
		if (!query.containsKey(name)) {
			return null;
		}
		Set<Integer> ids = new LinkedHashSet<>();
		for (String id : query.get(name).split(",")) {
			if (!id.isBlank()) {
				ids.add(parse(name, id.trim(), 1));
			}
		}
		return ids;
	}

	/**
	 * A date filter such as {@code date_modified:min}, or {@code null} when it is absent.
	 * The contract's examples give a date-time ({@code 2018-09-05T13:45:03}) or a date
	 * ({@code 2019-09-04}); one without a zone is read as UTC, a date as its midnight.
	 */
	static @Nullable Instant instant(Map<String, String> query, String name) {
		String value = query.get(name);
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException withoutZone) {
			try {
				return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException notADateTime) {
				try {
					return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
				}
				catch (DateTimeParseException notADate) {
					throw SandboxRejection.badRequest("Query parameter " + name
							+ " must be a date-time such as 2018-09-05T13:45:03Z or a date such as 2019-09-04, got: "
							+ value);
				}
			}
		}
	}

	/**
	 * A v2 date filter such as {@code min_date_modified}, or {@code null} when it is
	 * absent, in the two forms the orders contract names: RFC-2822
	 * ({@code Thu, 20 Apr 2017 11:32:00 -0400}) or ISO-8601
	 * ({@code 2017-04-20T11:32:00.000-04:00}, {@code 2017-04-20T11:32:00Z}). Both carry
	 * their offset; a value without one would depend on a store time zone this sandbox
	 * does not have, so it is refused.
	 */
	static @Nullable Instant v2Date(Map<String, String> query, String name) {
		String value = query.get(name);
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException notIso) {
			try {
				return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			}
			catch (DateTimeParseException notRfc) {
				throw SandboxRejection.badRequest("Query parameter " + name
						+ " must be a date in RFC-2822 such as Thu, 20 Apr 2017 11:32:00 -0400 or in ISO-8601 such as"
						+ " 2017-04-20T11:32:00.000-04:00, got: " + value);
			}
		}
	}

	private static int parse(String name, @Nullable String value, int min) {
		try {
			int parsed = Integer.parseInt(value);
			if (parsed >= min) {
				return parsed;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw SandboxRejection.badRequest("Query parameter " + name + " must be "
				+ (min == 1 ? "a positive integer" : "an integer of at least " + min) + ", got: " + value);
	}

}
