package io.syncbatch.connector.sandbox;

import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One request to a sandbox, read whole.
 *
 * @param method upper case
 * @param rawPath the path as sent, still percent-encoded
 * @param rawQuery the query as sent, or null
 * @param query the decoded query parameters; a repeated one is joined with commas
 * @param body the request's body, empty when it had none
 * @param origin the scheme, host and port the client reached, e.g.
 * {@code http://127.0.0.1:8123}, for links that point back at it
 */
public record SandboxExchange(String method, String rawPath, @Nullable String rawQuery, Map<String, String> query,
		byte[] body, Function<String, @Nullable String> headers, String origin) {

	/** The first value of a request header, or null. */
	public @Nullable String header(String name) {
		return headers.apply(name);
	}

}
