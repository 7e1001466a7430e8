package io.syncbatch.inbox;

import java.util.Arrays;
import java.util.Locale;

import io.syncbatch.record.UntrustedText;

/** Whether a store's real-time sync runs (seed 002's Deactivate: Pause or Stop). */
public enum RealtimeState {

	/** Messages are received and processed. */
	ACTIVE,

	/**
	 * Messages are received and retained, and processed in order once it is active again.
	 */
	PAUSED,

	/** Messages are refused (503): nothing is monitored. */
	STOPPED;

	public static RealtimeState parse(String text) {
		try {
			return valueOf(text.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("state " + UntrustedText.quoted(text)
					+ " is not a real-time state; expected one of " + Arrays.toString(values()));
		}
	}

}
