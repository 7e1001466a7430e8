package io.syncbatch.inbox;

import io.syncbatch.connector.StoreWebhooks.StoreEvent;
import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.definition.SyncMode;
import io.syncbatch.record.UntrustedText;

/**
 * A store's webhook as a message: the entity whose import reads the resource it names.
 */
class WebhookArrivals {

	private final Definitions definitions;

	WebhookArrivals(Definitions definitions) {
		this.definitions = definitions;
	}

	Arrival of(String store, StoreEvent event) {
		String resource = event.resource();
		EntityDefinition definition = resource == null ? null
				: definitions.all()
					.stream()
					.filter(candidate -> candidate.direction().ways().contains(SyncDirection.IMPORT))
					.filter(candidate -> resource.equals(candidate.importSpec().resource()))
					.findFirst()
					.orElse(null);
		String ignored = definition != null
				? definition.syncs(SyncMode.REAL_TIME) ? null
						: definition.entity() + " does not sync in real time (sync-modes: " + definition.syncModes()
								+ ")"
				: resource == null ? "no resource the engine reads is about " + UntrustedText.quoted(event.topic())
						: "no entity imports the store's " + resource;
		return new Arrival(store, MessageSource.STORE, event.topic(), definition == null ? null : definition.entity(),
				event.id(), event.delivery(), event.occurredAt(), ignored);
	}

}
