package io.syncbatch.connector.bigcommerce.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.syncbatch.connector.sandbox.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends the sandbox's webhooks, as BigCommerce does: after a customer, an address or an
 * order was created, updated or deleted, a {@code POST} of {@code {scope, store_id, data:
 * {type, id}, hash, created_at, producer}} to the destination of every active hook of
 * that scope, with the hook's headers. A delivery that is not answered 2xx is sent again
 * after 1, 2, 4 and 8 seconds, then given up (BigCommerce keeps trying for longer).
 */
final class HookDeliveries implements AutoCloseable {

	private static final int ATTEMPTS = 5;

	private final HookBook hooks;

	private final JsonMapper mapper;

	private final String storeHash;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ScheduledExecutorService sender;

	HookDeliveries(HookBook hooks, JsonMapper mapper, String storeHash) {
		this.hooks = hooks;
		this.mapper = mapper;
		this.storeHash = storeHash;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("sandbox-hooks-" + storeHash + "-");
		threads.setDaemon(true);
		this.sender = Executors.newSingleThreadScheduledExecutor(threads);
	}

	/** One event: its scope and the webhook's {@code data}. */
	record Event(String scope, ObjectNode data) {
	}

	/**
	 * Sends the events of a request the store answered 2xx.
	 * @param path below the store root, e.g. {@code /v3/customers}
	 */
	void after(String method, String path, Map<String, String> query, Reply reply) {
		if (reply.status() / 100 != 2 || method.equals("GET")) {
			return;
		}
		for (Event event : events(method, path, query, reply.body())) {
			for (ObjectNode hook : hooks.active(event.scope())) {
				ObjectNode body = mapper.createObjectNode();
				body.put("scope", event.scope());
				body.put("store_id", "1");
				body.set("data", event.data());
				body.put("hash", sha1(event.data().toString()));
				body.put("created_at", System.currentTimeMillis() / 1000);
				body.put("producer", "stores/" + storeHash);
				deliver(hook, mapper.writeValueAsString(body), 1);
			}
		}
	}

	private List<Event> events(String method, String path, Map<String, String> query, @Nullable JsonNode body) {
		String action = switch (method) {
			case "POST" -> "created";
			case "PUT" -> "updated";
			case "DELETE" -> "deleted";
			default -> "";
		};
		List<Event> events = new ArrayList<>();
		if (path.equals("/v3/customers") || path.equals("/v3/customers/addresses")) {
			boolean addresses = path.endsWith("addresses");
			String scope = addresses ? "store/customer/address/" + action : "store/customer/" + action;
			if (action.equals("deleted")) {
				Set<Integer> ids = Queries.ids(query, "id:in");
				if (ids != null) {
					ids.forEach(id -> events.add(new Event(scope, data("customer", id))));
				}
			}
			else if (body != null) {
				for (JsonNode item : body.path("data")) {
					ObjectNode data = data("customer", item.path("id").asInt());
					if (addresses) {
						data.putObject("address").put("customer_id", item.path("customer_id").asInt());
					}
					events.add(new Event(scope, data));
				}
			}
		}
		else if (path.matches("/v2/orders(/\\d+)?") && !action.equals("deleted") && body != null && body.has("id")) {
			events.add(new Event("store/order/" + action, data("order", body.get("id").asInt())));
		}
		return events;
	}

	private ObjectNode data(String type, int id) {
		ObjectNode data = mapper.createObjectNode();
		data.put("type", type);
		data.put("id", id);
		return data;
	}

	private void deliver(ObjectNode hook, String body, int attempt) {
		sender.schedule(() -> {
			boolean delivered;
			try {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hook.get("destination").stringValue()))
					.timeout(Duration.ofSeconds(10))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body));
				hook.path("headers")
					.properties()
					.forEach(header -> request.header(header.getKey(), header.getValue().asString()));
				delivered = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
			}
			catch (Exception unreachable) {
				delivered = false;
			}
			if (!delivered && attempt < ATTEMPTS) {
				deliver(hook, body, attempt + 1);
			}
		}, attempt == 1 ? 0 : 1L << (attempt - 2), TimeUnit.SECONDS);
	}

	private static String sha1(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException everyJavaHasIt) {
			throw new IllegalStateException(everyJavaHasIt);
		}
	}

	@Override
	public void close() {
		sender.shutdownNow();
	}

}
