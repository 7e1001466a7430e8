package io.syncbatch.connector;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * What one platform's HTTP API needs beyond plain JSON over HTTP: how a request is
 * authenticated, how the store says to wait, and how its error bodies read. The
 * {@link StoreChannel} does the rest the same way for every platform.
 */
public interface HttpDialect {

	/**
	 * Adds the platform's headers to a request: its credentials (which never appear in a
	 * message, a log or the history) and whatever its contracts require on every request.
	 * @param method the request's method
	 * @param uri the request's full address as it is sent, query included (a platform
	 * that signs its requests signs both)
	 */
	void addHeaders(HttpMethod method, URI uri, HttpHeaders headers);

	/**
	 * How long the store asked every client to wait, read from an answer (a 429, or a
	 * quota used up).
	 */
	Optional<Duration> pauseRequested(int status, HttpHeaders headers);

	/** One readable sentence from an error body the store answered with this status. */
	String refusal(int status, String body);

	/**
	 * Whether an answer with this status is worth trying again later: the store could not
	 * answer now.
	 */
	default boolean transientStatus(int status) {
		return status == 429 || status >= 500;
	}

}
