package io.syncbatch.connector.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side every platform's sandbox shares: it listens on the loopback interface
 * only, on daemon threads, reads each request whole, lets the platform's
 * {@link SandboxApi} answer it, and writes the answer as JSON, a refusal in the
 * platform's error shape (with {@code Allow} for a 405) and anything unexpected as a 500
 * of the same shape.
 */
public final class SandboxServer {

	private static final String LOOPBACK = "127.0.0.1";

	private final String name;

	private final SandboxApi api;

	private final JsonMapper mapper;

	private final Object lifecycleLock = new Object();

	private @Nullable HttpServer server;

	private @Nullable ExecutorService executor;

	/**
	 * @param name names its threads, e.g. {@code sandbox-store-abc}
	 */
	public SandboxServer(String name, SandboxApi api, JsonMapper mapper) {
		this.name = name;
		this.api = api;
		this.mapper = mapper;
	}

	/**
	 * Starts listening and returns the origin clients reach, e.g.
	 * {@code http://127.0.0.1:8123}.
	 * @param port the port at 127.0.0.1, or 0 for a free one
	 */
	public URI start(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
		}
		synchronized (lifecycleLock) {
			if (server != null) {
				throw new IllegalStateException(name + " is already running");
			}
			// Daemon threads, so that a sandbox someone forgot to stop never keeps the
			// JVM
			// alive.
			CustomizableThreadFactory threads = new CustomizableThreadFactory(name + "-");
			threads.setDaemon(true);
			ExecutorService pool = Executors.newFixedThreadPool(4, threads);
			try {
				HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 0);
				created.createContext("/", this::handle);
				created.setExecutor(pool);
				created.start();
				server = created;
				executor = pool;
				return URI.create("http://" + LOOPBACK + ":" + created.getAddress().getPort());
			}
			catch (IOException e) {
				pool.shutdownNow();
				throw new UncheckedIOException("Cannot listen on " + LOOPBACK + ":" + port, e);
			}
		}
	}

	/** Stops listening; a later {@link #start} listens again. */
	public void stop() {
		synchronized (lifecycleLock) {
			if (server == null) {
				return;
			}
			server.stop(0);
			Objects.requireNonNull(executor).shutdownNow();
			server = null;
			executor = null;
		}
	}

	private void handle(HttpExchange http) {
		try {
			SandboxExchange exchange = read(http);
			Reply reply;
			try {
				reply = api.answer(exchange);
			}
			catch (SandboxRejection refused) {
				if (!refused.allowedMethods().isEmpty()) {
					http.getResponseHeaders().set("Allow", String.join(", ", refused.allowedMethods()));
				}
				reply = api.refusal(refused, exchange);
			}
			catch (RuntimeException failed) {
				reply = api.refusal(new SandboxRejection(500, "Sandbox store failed: " + failed, Map.of()), exchange);
			}
			send(http, reply);
		}
		catch (IOException e) {
			// The client went away; there is nobody left to tell.
		}
		finally {
			http.close();
		}
	}

	private static SandboxExchange read(HttpExchange http) throws IOException {
		byte[] body;
		try (InputStream in = http.getRequestBody()) {
			body = in.readAllBytes();
		}
		String host = http.getRequestHeaders().getFirst("Host");
		if (host == null || host.isBlank()) {
			host = LOOPBACK + ":" + http.getLocalAddress().getPort();
		}
		String rawQuery = http.getRequestURI().getRawQuery();
		return new SandboxExchange(http.getRequestMethod().toUpperCase(Locale.ROOT), http.getRequestURI().getRawPath(),
				rawQuery, parseQuery(rawQuery), body, http.getRequestHeaders()::getFirst, "http://" + host);
	}

	private void send(HttpExchange http, Reply reply) throws IOException {
		if (reply.body() == null) {
			http.sendResponseHeaders(reply.status(), -1);
			return;
		}
		byte[] bytes = mapper.writeValueAsBytes(reply.body());
		http.getResponseHeaders().set("Content-Type", "application/json");
		http.sendResponseHeaders(reply.status(), bytes.length);
		http.getResponseBody().write(bytes);
	}

	private static Map<String, String> parseQuery(@Nullable String rawQuery) {
		Map<String, String> query = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			// A repeated parameter is treated as more comma-separated values of the same
			// filter.
			query.merge(name, value, (a, b) -> a + "," + b);
		}
		return query;
	}

}
