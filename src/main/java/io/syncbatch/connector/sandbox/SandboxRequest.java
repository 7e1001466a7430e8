package io.syncbatch.connector.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One authenticated request as a route sees it.
 *
 * @param segments the path segments the route captured, in order (e.g. order id, shipment
 * id), still percent-encoded
 * @param query decoded query parameters; a repeated parameter is joined with commas
 * @param linkBase what this store's links start with, e.g.
 * {@code http://127.0.0.1:8123/stores/abc}
 */
public record SandboxRequest(String method, List<String> segments, Map<String, String> query, byte[] body,
		@Nullable String contentType, String linkBase, JsonMapper mapper) {

	/** A numeric segment ({@code {id}}). */
	public int id(int index) {
		return Integer.parseInt(segments.get(index));
	}

	/** A segment of any text ({@code {key}}), decoded. */
	public String key(int index) {
		return URLDecoder.decode(segments.get(index).replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	/** The body as JSON; 415 without a JSON content type, 400 when it does not parse. */
	public JsonNode json() {
		if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
			throw new SandboxRejection(415, "Content-Type must be application/json, got: " + contentType, Map.of());
		}
		try {
			return mapper.readTree(body);
		}
		catch (JacksonException e) {
			throw SandboxRejection.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
		}
	}
}
