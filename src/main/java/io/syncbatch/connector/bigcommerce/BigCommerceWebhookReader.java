package io.syncbatch.connector.bigcommerce;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.StoreWebhooks.MalformedWebhookException;
import io.syncbatch.connector.StoreWebhooks.StoreEvent;
import tools.jackson.databind.JsonNode;

/**
 * Reads BigCommerce webhooks ({@code {"scope": "store/customer/updated", "store_id":
 * "1025646", "data": {"type": "customer", "id": 32}, "hash": "…", "created_at":
 * 1561481571, "producer": "stores/{store_hash}"}}) into the store records they are about.
 * A webhook carries only the record's id; the import reads the record when it processes
 * the message. Customer, address and order scopes name the resources imports read; every
 * other scope names none, and its messages are ignored with that reason.
 *
 * <p>
 * BigCommerce sends a webhook again until it is acknowledged, with the same body: its
 * {@code hash} (of the payload), {@code created_at} and scope identify a delivery. Two
 * changes of one record in the same second are one delivery to us; the import reads the
 * record as it is when it processes the message, and the batch jobs catch up what a
 * message did not bring.
 */
final class BigCommerceWebhookReader {

	StoreEvent read(JsonNode body) {
		String scope = text(body, "scope");
		String hash = text(body, "hash");
		JsonNode createdAt = body.path("created_at");
		if (!createdAt.isIntegralNumber()) {
			throw new MalformedWebhookException("webhook " + scope + " has no created_at (seconds since 1970)");
		}
		JsonNode id = body.path("data").path("id");
		if (!id.isIntegralNumber() || id.longValue() < 1) {
			throw new MalformedWebhookException("webhook " + scope + " has no data.id (a positive integer)");
		}
		String[] words = scope.split("/");
		String action = words[words.length - 1];
		return new StoreEvent(scope, resource(scope), String.valueOf(id.longValue()),
				scope + " " + hash + " " + createdAt.longValue(), createdAt.longValue(), action.equals("deleted"));
	}

	private static @Nullable String resource(String scope) {
		if (scope.startsWith("store/customer/address/")) {
			return "customer-addresses";
		}
		if (scope.matches("store/customer/(created|updated|deleted)")) {
			return "customers";
		}
		if (scope.startsWith("store/order/") && !scope.startsWith("store/order/message/")
				&& !scope.startsWith("store/order/refund/")) {
			return "orders";
		}
		return null;
	}

	private static String text(JsonNode body, String field) {
		JsonNode value = body.path(field);
		if (!value.isString() || value.stringValue().isBlank()) {
			throw new MalformedWebhookException("webhook has no " + field);
		}
		return value.stringValue();
	}

}
