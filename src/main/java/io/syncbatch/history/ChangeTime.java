package io.syncbatch.history;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * A source's change time as the sync database keeps it. The narrow prepared row holds
 * microseconds since 1970 (read as UTC), cheaper to bind than a date-time; positions in
 * date-time columns are bound as text with their fractions, because Connector/J rounds
 * date-time parameters to whole seconds on MariaDB 10.x.
 */
public final class ChangeTime {

	/**
	 * Before any real change: where a walk of the backlog starts, and the time of a
	 * record that has none.
	 */
	public static final LocalDateTime EARLIEST = LocalDateTime.of(1000, 1, 1, 0, 0);

	private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

	private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

	private ChangeTime() {
	}

	public static long micros(LocalDateTime time) {
		return ChronoUnit.MICROS.between(EPOCH, time);
	}

	public static LocalDateTime ofMicros(long micros) {
		return EPOCH.plus(micros, ChronoUnit.MICROS);
	}

	public static String exact(LocalDateTime time) {
		return EXACT.format(time);
	}

	/**
	 * An instant of the engine's own (an attempt, a lock), as the sync database keeps it:
	 * UTC.
	 */
	static Timestamp timestamp(Instant instant) {
		return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
	}

	static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
	}

}
