package io.syncbatch.inbox;

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
		return UntrustedText.constant(RealtimeState.class, "state", text, "is not a real-time state");
	}

}
