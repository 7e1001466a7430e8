package io.syncbatch.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A BigCommerce customers endpoint for measuring the engine, not the store: it keeps only
 * email → id (the project's sandbox keeps whole documents and checks every field, which
 * is what tests want and what a million customers cannot afford). Each request takes
 * {@code latency}, and at most {@code concurrency} are served at once; further requests
 * queue, as behind a store's connection limit.
 */
final class BenchStore implements AutoCloseable {

	static final String HASH = "bench";
	static final String TOKEN = "bench-token";

	private static final String PATH = "/stores/" + HASH + "/v3/customers";

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, Integer> idsByEmail = new ConcurrentHashMap<>();

	private final AtomicInteger nextId = new AtomicInteger(1);

	private final AtomicLong created = new AtomicLong();

	/**
	 * When the store first received each version of a customer (email and phone), for
	 * measuring how long a change takes to reach it.
	 */
	private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();

	private final Duration latency;

	private final HttpServer server;

	private final ExecutorService workers;

	/**
	 * When each request arrived and was answered (nanoTime), for the store's own view of
	 * a run.
	 */
	private final Queue<long[]> answered = new ConcurrentLinkedQueue<>();

	BenchStore(int concurrency, Duration latency) throws IOException {
		// Without it the JDK's server waits for delayed ACKs: about 40 ms a request,
		// whatever the latency.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		this.latency = latency;
		this.workers = Executors.newFixedThreadPool(concurrency, task -> {
			Thread thread = new Thread(task, "bench-store");
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1_000);
		server.createContext(PATH, this::handle);
		server.setExecutor(workers);
		server.start();
	}

	/** What the engine is configured with as the store's api-url. */
	URI apiUrl() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	long created() {
		return created.get();
	}

	int customers() {
		return idsByEmail.size();
	}

	/**
	 * When (nanoTime) a write carrying this customer with this phone first arrived, or
	 * null if none has.
	 */
	Long receivedAt(String email, String phone) {
		return receivedAt.get(version(email, phone));
	}

	private static String version(String email, String phone) {
		return email.toLowerCase() + "|" + phone;
	}

	private void handle(HttpExchange exchange) throws IOException {
		long arrived = System.nanoTime();
		try (exchange) {
			if (!latency.isZero()) {
				Thread.sleep(latency.toMillis());
			}
			if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Auth-Token"))) {
				reply(exchange, 401, json.createObjectNode().put("title", "bad token"));
				return;
			}
			switch (exchange.getRequestMethod()) {
				case "GET" -> reply(exchange, 200, page(found(exchange.getRequestURI().getRawQuery())));
				case "POST" -> reply(exchange, 200, page(write(exchange, true)));
				case "PUT" -> reply(exchange, 200, page(write(exchange, false)));
				default -> reply(exchange, 405, json.createObjectNode().put("title", "no such method"));
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		finally {
			answered.add(new long[] { arrived, System.nanoTime() });
		}
	}

	/**
	 * How busy the store was from its first request to its last answer: how many requests
	 * were in flight on average, how long each took, and how many were answered in each
	 * second.
	 */
	String busyness() {
		long first = Long.MAX_VALUE;
		long last = 0;
		long busy = 0;
		for (long[] request : answered) {
			first = Math.min(first, request[0]);
			last = Math.max(last, request[1]);
			busy += request[1] - request[0];
		}
		if (answered.isEmpty()) {
			return "no requests";
		}
		int[] perSecond = new int[(int) ((last - first) / 1_000_000_000L) + 1];
		for (long[] request : answered) {
			perSecond[(int) ((request[1] - first) / 1_000_000_000L)]++;
		}
		return String.format(Locale.ROOT, "%.2f requests in flight on average, %.1f ms each; answered a second: %s",
				busy / (double) (last - first), busy / 1e6 / answered.size(), Arrays.toString(perSecond));
	}

	private List<ObjectNode> found(String rawQuery) {
		List<ObjectNode> found = new ArrayList<>();
		for (String parameter : rawQuery == null ? new String[0] : rawQuery.split("&")) {
			String[] pair = parameter.split("=", 2);
			if (pair.length == 2 && URLDecoder.decode(pair[0], StandardCharsets.UTF_8).equals("email:in")) {
				for (String email : URLDecoder.decode(pair[1], StandardCharsets.UTF_8).split(",")) {
					Integer id = idsByEmail.get(email.toLowerCase());
					if (id != null) {
						found.add(json.createObjectNode().put("id", id).put("email", email));
					}
				}
			}
		}
		return found;
	}

	private List<ObjectNode> write(HttpExchange exchange, boolean create) throws IOException {
		long arrived = System.nanoTime();
		List<ObjectNode> written = new ArrayList<>();
		for (JsonNode item : json.readTree(exchange.getRequestBody())) {
			ObjectNode customer = ((ObjectNode) item).deepCopy();
			String email = customer.path("email").asString().toLowerCase();
			receivedAt.putIfAbsent(version(email, customer.path("phone").asString()), arrived);
			if (create) {
				int id = idsByEmail.computeIfAbsent(email, key -> {
					created.incrementAndGet();
					return nextId.getAndIncrement();
				});
				customer.put("id", id);
			}
			written.add(customer);
		}
		return written;
	}

	private ObjectNode page(List<ObjectNode> data) {
		ObjectNode page = json.createObjectNode();
		page.putArray("data").addAll(data);
		Map<String, Object> pagination = new LinkedHashMap<>();
		pagination.put("total", data.size());
		pagination.put("count", data.size());
		pagination.put("per_page", Math.max(1, data.size()));
		pagination.put("current_page", 1);
		pagination.put("total_pages", 1);
		page.putObject("meta").set("pagination", json.valueToTree(pagination));
		return page;
	}

	private void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	@Override
	public void close() {
		server.stop(0);
		workers.shutdownNow();
	}

}
