package io.syncbatch.inbox;

import io.syncbatch.record.UntrustedText;

/** Where a message of the inbox is. */
public enum InboxStatus {

	/** Stored and acknowledged, waiting to be processed. */
	RECEIVED,

	/** Its record waits HELD for a record of another entity; it is finished with it. */
	HELD,

	/** Its record was synced (or found in sync, or its deletion recorded). */
	PROCESSED,

	/** Its record failed; the reason is the history's. */
	FAILED,

	/** No job takes it, or the entity's filter leaves its record out. */
	IGNORED,

	/** A repeat of a message already received: it changes nothing. */
	DUPLICATE;

	/** As an operator types it ({@code failed}, {@code FAILED}). */
	public static InboxStatus parse(String text) {
		return UntrustedText.constant(InboxStatus.class, "status", text, "is not an inbox status");
	}

	/** Whether nothing more will happen to it. */
	public boolean finished() {
		return this != RECEIVED && this != HELD;
	}

}
