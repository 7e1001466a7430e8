package io.syncbatch.connector;

import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * How a platform's webhooks are read: each names what changed in the store, and the
 * engine reads the record itself from the store when it processes the message, so a
 * webhook's body is a notice, never the data synced.
 */
public interface StoreWebhooks {

	/**
	 * A webhook as the platform sends it, read into the store record it is about.
	 * @throws MalformedWebhookException naming the field that is missing or wrong
	 */
	StoreEvent read(JsonNode body);

	/**
	 * Makes the store send the webhooks about records of these resources to a
	 * destination, with these headers, active or not: the destination's hooks are created
	 * or updated to say so; none is deleted.
	 * @return what was done for each of the platform's topics
	 */
	List<Subscription> subscribe(Collection<String> resources, URI destination, Map<String, String> headers,
			boolean active);

	/**
	 * One hook of the store after {@link #subscribe}.
	 *
	 * @param change {@code created}, {@code updated} or {@code unchanged}
	 */
	record Subscription(String topic, String id, boolean active, String change) {
	}

	/**
	 * What a webhook says changed.
	 *
	 * @param topic what the platform calls the event, e.g. {@code store/customer/updated}
	 * @param resource the resource of the record, as {@link StoreConnection#reader} names
	 * it ({@code customers}), or null when no resource of this platform's is about it
	 * @param id the record's id in the store
	 * @param delivery what identifies this webhook when the platform sends it again
	 * @param occurredAt when the platform says it happened, in its own unit, for the
	 * order of messages
	 * @param deleted whether it says the record was deleted
	 */
	record StoreEvent(String topic, @Nullable String resource, String id, String delivery, long occurredAt,
			boolean deleted) {
	}

	/** A webhook without what the platform's documentation says it carries. */
	class MalformedWebhookException extends RuntimeException {

		public MalformedWebhookException(String message) {
			super(message);
		}

	}

}
