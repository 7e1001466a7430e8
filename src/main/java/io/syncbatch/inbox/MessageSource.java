package io.syncbatch.inbox;

import io.syncbatch.definition.SyncDirection;

/** Who sent a message: the ERP's push notifications, or a store's webhooks. */
public enum MessageSource {

	ERP(SyncDirection.EXPORT), STORE(SyncDirection.IMPORT);

	private final SyncDirection direction;

	MessageSource(SyncDirection direction) {
		this.direction = direction;
	}

	/** The way a change of this source flows: an ERP change is exported. */
	public SyncDirection direction() {
		return direction;
	}

}
