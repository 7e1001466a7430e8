package io.syncbatch.connector;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import io.syncbatch.secrets.Secrets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One store's HTTP API, shared by everything that talks to it: at most its concurrency in
 * flight, whoever sends (a chunk's batches, lookups, other process partitions), every
 * request waiting while the store's rate limit says so, and every answer sorted into what
 * is worth retrying (the store could not answer now) and what is not (the store refused
 * the content). Retrying is the caller's decision: only it knows whether a request is
 * safe to repeat.
 */
public final class StoreChannel {

	private final String storeName;

	private final Supplier<URI> root;

	private final HttpDialect dialect;

	private final Supplier<RestClient> client;

	private final JsonMapper json;

	private final RateLimitGate gate;

	private final Semaphore permits;

	private final Secrets secrets;

	StoreChannel(String storeName, Supplier<URI> root, HttpDialect dialect, Supplier<RestClient> client,
			JsonMapper json, RateLimitGate gate, int concurrency, Secrets secrets) {
		this.storeName = storeName;
		this.root = root;
		this.dialect = dialect;
		this.client = client;
		this.json = json;
		this.gate = gate;
		this.permits = new Semaphore(concurrency);
		this.secrets = secrets;
	}

	public String storeName() {
		return storeName;
	}

	/**
	 * The store root every path is below, e.g.
	 * {@code https://api.bigcommerce.com/stores/abc}.
	 */
	public URI root() {
		return root.get();
	}

	/**
	 * Sends one request and returns the answer's body.
	 * @param pathAndQuery below the store root, with URI template variables, e.g.
	 * {@code /v3/customers?email:in={emails}}
	 * @throws StoreRejectedException when the store refused the request for what it
	 * contains (4xx)
	 * @throws TransientStoreException when the store could not answer now (5xx, 429,
	 * timeout, reset connection)
	 */
	public JsonNode send(HttpMethod method, String pathAndQuery, Map<String, ?> variables, @Nullable Object body) {
		try {
			permits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientStoreException("interrupted while waiting to send to " + storeName, ex);
		}
		try {
			// Only once it may send, so that a pause the store asked for meanwhile is not
			// overtaken.
			gate.awaitOpen();
			RestClient.RequestBodySpec request = client.get().method(method).uri(pathAndQuery, variables);
			if (body != null) {
				request.contentType(MediaType.APPLICATION_JSON).body(body);
			}
			return request.exchange((req, response) -> {
				int status = response.getStatusCode().value();
				String text = StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8);
				dialect.pauseRequested(status, response.getHeaders()).ifPresent(gate::closeFor);
				if (dialect.transientStatus(status)) {
					// Masked before it is shortened: a secret cut in two would no longer
					// be recognised.
					throw new TransientStoreException(describe(method, pathAndQuery) + " answered " + status + ": "
							+ abbreviate(secrets.redacted(text)), null);
				}
				if (status >= 400) {
					// An error body may echo the request, credentials included.
					throw new StoreRejectedException(dialect.refusal(status, secrets.redacted(text)));
				}
				return readAnswer(method, pathAndQuery, status, text);
			});
		}
		catch (ResourceAccessException ex) {
			throw new TransientStoreException(
					describe(method, pathAndQuery) + " failed: " + secrets.redacted(rootMessage(ex)), ex);
		}
		finally {
			permits.release();
		}
	}

	/**
	 * An accepted request whose answer is not JSON (a proxy's HTML page, an answer cut
	 * off) is transient, as a 5xx: the store, or something in front of it, could not
	 * answer properly now, and the caller's retry finds out what the store did.
	 */
	private JsonNode readAnswer(HttpMethod method, String pathAndQuery, int status, String text) {
		if (text.isBlank()) {
			return json.createObjectNode();
		}
		try {
			return json.readTree(text);
		}
		catch (JacksonException unreadable) {
			throw new TransientStoreException(describe(method, pathAndQuery) + " answered " + status
					+ " with a body that is not JSON (" + unreadable.getOriginalMessage() + "): " + abbreviate(text),
					unreadable);
		}
	}

	private String describe(HttpMethod method, String path) {
		return method + " " + path.replaceFirst("\\?.*", "") + " on store " + storeName;
	}

	/**
	 * The first I/O failure in the chain says what happened (ConnectException,
	 * HttpTimeoutException…).
	 */
	private static String rootMessage(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null && !(cause instanceof IOException)) {
			cause = cause.getCause();
		}
		return cause.getMessage() == null ? cause.getClass().getSimpleName()
				: cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	private static String abbreviate(String text) {
		return text.length() <= 300 ? text : text.substring(0, 300) + "…";
	}

}
