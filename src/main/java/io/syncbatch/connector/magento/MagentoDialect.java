package io.syncbatch.connector.magento;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import io.syncbatch.connector.HttpDialect;
import tools.jackson.databind.json.JsonMapper;

/**
 * Magento's way over HTTP: every request signed or carrying a bearer token, a 429's
 * {@code Retry-After} as the pause it asks for, and its {@code {message, parameters}}
 * refusals filled in.
 */
final class MagentoDialect implements HttpDialect {

	private final Authorization authorization;

	private final JsonMapper json;

	MagentoDialect(Authorization authorization, JsonMapper json) {
		this.authorization = authorization;
		this.json = json;
	}

	@Override
	public void addHeaders(HttpMethod method, URI uri, HttpHeaders headers) {
		headers.set(HttpHeaders.AUTHORIZATION, authorization.header(method, uri));
	}

	@Override
	public Optional<Duration> pauseRequested(int status, HttpHeaders headers) {
		String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (status != 429 || retryAfter == null || !retryAfter.strip().matches("\\d{1,6}")) {
			return Optional.empty();
		}
		return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.strip())));
	}

	@Override
	public String refusal(int status, String body) {
		return MagentoErrors.message(json, status, body);
	}

	@Override
	public String toString() {
		return "MagentoDialect[" + authorization + "]";
	}

}
