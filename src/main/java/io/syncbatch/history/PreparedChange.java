package io.syncbatch.history;

import java.time.LocalDateTime;

/**
 * What prepare found: a source record new or changed since it was last synced, waiting to
 * be processed. Only the key, the fingerprint and the change time are kept; the history's
 * columns are written when it is processed.
 *
 * @param changedAt the source's change time, or {@link ChangeTime#EARLIEST} when it has
 * none
 */
public record PreparedChange(String key, String fingerprint, LocalDateTime changedAt) {

	/**
	 * The fingerprint of a record the source no longer selects: not hexadecimal, so no
	 * row's fingerprint equals it, and a record that comes back is prepared again.
	 */
	public static final String GONE = "x".repeat(32);

	/** A record whose source no longer selects it, to be recorded DELETED. */
	public static PreparedChange gone(String key, LocalDateTime changedAt) {
		return new PreparedChange(key, GONE, changedAt);
	}

}
