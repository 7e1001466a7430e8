package io.syncbatch.connector.bigcommerce;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import io.syncbatch.connector.HttpDialect;
import tools.jackson.databind.json.JsonMapper;

/**
 * BigCommerce's way over HTTP: an {@code X-Auth-Token}, its rate-limit headers and its
 * two error shapes.
 */
final class BigCommerceDialect implements HttpDialect {

	private final String accessToken;

	private final JsonMapper json;

	BigCommerceDialect(String accessToken, JsonMapper json) {
		this.accessToken = accessToken;
		this.json = json;
	}

	@Override
	public void addHeaders(HttpMethod method, URI uri, HttpHeaders headers) {
		headers.set("X-Auth-Token", accessToken);
		// The catalog and orders contracts require it on every request, GETs included.
		if (headers.getContentType() == null) {
			headers.setContentType(MediaType.APPLICATION_JSON);
		}
	}

	@Override
	public Optional<Duration> pauseRequested(int status, HttpHeaders headers) {
		return RateLimitHeaders.pauseRequested(status, headers);
	}

	@Override
	public String refusal(int status, String body) {
		return BigCommerceErrors.message(json, status, body);
	}

	@Override
	public String toString() {
		return "BigCommerceDialect[X-Auth-Token <redacted>]";
	}

}
