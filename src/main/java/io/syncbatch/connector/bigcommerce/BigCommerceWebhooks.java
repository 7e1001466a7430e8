package io.syncbatch.connector.bigcommerce;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.HttpMethod;

import io.syncbatch.connector.MalformedAnswerException;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.StoreWebhooks;
import tools.jackson.databind.JsonNode;

/**
 * A BigCommerce store's webhooks: read by {@link BigCommerceWebhookReader}, and
 * subscribed to through the webhooks API ({@code GET /v3/hooks?destination=…},
 * {@code POST /v3/hooks}, {@code PUT /v3/hooks/{id}}), one hook per scope: a customer's
 * created, updated and deleted, an address's, and an order's created, updated,
 * statusUpdated and archived. BigCommerce sends a hook's events only to an https
 * destination on port 443.
 */
final class BigCommerceWebhooks implements StoreWebhooks {

	/** The scopes of the resources imports read. */
	private static final Map<String, List<String>> SCOPES = Map.of("customers",
			List.of("store/customer/created", "store/customer/updated", "store/customer/deleted"), "customer-addresses",
			List.of("store/customer/address/created", "store/customer/address/updated",
					"store/customer/address/deleted"),
			"orders",
			List.of("store/order/created", "store/order/updated", "store/order/statusUpdated", "store/order/archived"));

	private final StoreChannel channel;

	private final BigCommerceWebhookReader reader = new BigCommerceWebhookReader();

	BigCommerceWebhooks(StoreChannel channel) {
		this.channel = channel;
	}

	@Override
	public StoreEvent read(JsonNode body) {
		return reader.read(body);
	}

	@Override
	public List<Subscription> subscribe(Collection<String> resources, URI destination, Map<String, String> headers,
			boolean active) {
		Map<String, JsonNode> existing = hooksOf(destination);
		List<Subscription> subscriptions = new ArrayList<>();
		for (String resource : resources) {
			for (String scope : SCOPES.getOrDefault(resource, List.of())) {
				Map<String, Object> wanted = new LinkedHashMap<>();
				wanted.put("scope", scope);
				wanted.put("destination", destination.toString());
				wanted.put("is_active", active);
				wanted.put("headers", headers);
				JsonNode hook = existing.get(scope);
				if (hook == null) {
					JsonNode created = channel.send(HttpMethod.POST, "/v3/hooks", Map.of(), wanted).path("data");
					subscriptions.add(new Subscription(scope, created.path("id").asString(), active, "created"));
				}
				else if (hook.path("is_active").asBoolean() != active || !sameHeaders(hook.path("headers"), headers)) {
					wanted.remove("scope");
					wanted.remove("destination");
					channel.send(HttpMethod.PUT, "/v3/hooks/{id}", Map.of("id", hook.path("id").asLong()), wanted);
					subscriptions.add(new Subscription(scope, hook.path("id").asString(), active, "updated"));
				}
				else {
					subscriptions.add(new Subscription(scope, hook.path("id").asString(), active, "unchanged"));
				}
			}
		}
		return subscriptions;
	}

	/** The destination's hooks by scope. */
	private Map<String, JsonNode> hooksOf(URI destination) {
		Map<String, JsonNode> byScope = new LinkedHashMap<>();
		int page = 1;
		int pages;
		do {
			Map<String, Object> query = new LinkedHashMap<>();
			query.put("destination", destination.toString());
			query.put("page", page);
			query.put("limit", 250);
			QueryGet request = new QueryGet("/v3/hooks", query);
			JsonNode answer = request.send(channel);
			for (JsonNode hook : answer.path("data")) {
				byScope.putIfAbsent(hook.path("scope").asString(), hook);
			}
			pages = V3Pagination
				.of(answer,
						what -> new MalformedAnswerException(
								"the answer to " + request.described(channel) + " " + what))
				.totalPages();
			page++;
		}
		while (page <= pages);
		return byScope;
	}

	private static boolean sameHeaders(JsonNode stored, Map<String, String> wanted) {
		Map<String, String> storedHeaders = new LinkedHashMap<>();
		stored.properties().forEach(header -> storedHeaders.put(header.getKey(), header.getValue().asString()));
		return Objects.equals(storedHeaders, wanted);
	}

}
