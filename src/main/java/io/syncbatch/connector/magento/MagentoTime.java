package io.syncbatch.connector.magento;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How Magento writes a time ({@code created_at}, {@code updated_at}): {@code 2026-12-07
 * 10:11:12}, in UTC, to the second.
 */
public final class MagentoTime {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private MagentoTime() {
	}

	public static String format(Instant instant) {
		return FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
	}

	/**
	 * @throws java.time.format.DateTimeParseException when the text is not such a time
	 */
	public static Instant parse(String text) {
		return LocalDateTime.parse(text, FORMAT).toInstant(ZoneOffset.UTC);
	}

}
