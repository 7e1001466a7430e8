package io.syncbatch.ops;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins from a client address or for a user name; answered 429. */
final class LoginThrottledException extends AuthenticationException {

	private final Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super("too many failed logins from this address or for this user name; try again in " + seconds(retryAfter)
				+ " s");
		this.retryAfter = retryAfter;
	}

	String sentence() {
		return "too many failed logins from this address or for this user name; try again in " + retryAfterSeconds()
				+ " s";
	}

	/** Whole seconds, at least one, as {@code Retry-After} takes them. */
	long retryAfterSeconds() {
		return seconds(retryAfter);
	}

	private static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

}
