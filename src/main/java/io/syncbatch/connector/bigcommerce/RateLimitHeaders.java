package io.syncbatch.connector.bigcommerce;

import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpHeaders;

/**
 * What BigCommerce's answer says about waiting: on 429 (or 503) how long until the quota
 * resets, and on success whether the quota is already used up.
 * {@code X-Rate-Limit-Time-Reset-Ms} is BigCommerce's own header; {@code Retry-After}
 * (seconds) is the standard one.
 */
final class RateLimitHeaders {

	static final String RESET_MS = "X-Rate-Limit-Time-Reset-Ms";
	static final String REQUESTS_LEFT = "X-Rate-Limit-Requests-Left";

	private RateLimitHeaders() {
	}

	static Optional<Duration> pauseRequested(int status, HttpHeaders headers) {
		Optional<Duration> reset = number(headers, RESET_MS).map(Duration::ofMillis);
		if (status == 429 || status == 503) {
			return reset.or(() -> number(headers, HttpHeaders.RETRY_AFTER).map(Duration::ofSeconds));
		}
		boolean quotaUsedUp = number(headers, REQUESTS_LEFT).map(left -> left <= 0).orElse(false);
		return quotaUsedUp ? reset : Optional.empty();
	}

	private static Optional<Long> number(HttpHeaders headers, String name) {
		String value = headers.getFirst(name);
		if (value == null) {
			return Optional.empty();
		}
		try {
			long number = Long.parseLong(value.trim());
			return number < 0 ? Optional.empty() : Optional.of(number);
		}
		catch (NumberFormatException notANumber) {
			// e.g. Retry-After as an HTTP date: fall back to the ordinary backoff.
			return Optional.empty();
		}
	}

}
