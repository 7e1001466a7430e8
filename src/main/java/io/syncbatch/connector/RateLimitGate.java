package io.syncbatch.connector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One store's request quota, shared by every thread that talks to it (and, on the store's
 * side, by every app installed there). When the store says to wait, everyone waits until
 * it reopens instead of spending retries on requests that are bound to be refused.
 */
public final class RateLimitGate {

	private final Clock clock;

	private final Duration longestWait;

	private final Consumer<Duration> waited;

	private Instant closedUntil = Instant.MIN;

	/**
	 * @param waited told how long each caller that found the gate closed waited
	 */
	public RateLimitGate(Clock clock, Duration longestWait, Consumer<Duration> waited) {
		this.clock = clock;
		this.longestWait = longestWait;
		this.waited = waited;
	}

	/**
	 * The store asked for a pause (a 429, or a quota used up); never shortens a pause
	 * already in force.
	 */
	public synchronized void closeFor(Duration wait) {
		Duration bounded = wait.compareTo(longestWait) > 0 ? longestWait : wait;
		Instant until = clock.instant().plus(bounded);
		if (until.isAfter(closedUntil)) {
			closedUntil = until;
		}
	}

	/** Blocks until the store may be asked again. */
	public void awaitOpen() {
		Duration wait = remaining();
		if (wait.isZero()) {
			return;
		}
		Instant start = clock.instant();
		for (; !wait.isZero(); wait = remaining()) {
			try {
				Thread.sleep(wait.toMillis() + 1);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new TransientStoreException("interrupted while waiting for the store's rate limit", e);
			}
		}
		waited.accept(Duration.between(start, clock.instant()));
	}

	synchronized Duration remaining() {
		Duration left = Duration.between(clock.instant(), closedUntil);
		return left.isNegative() ? Duration.ZERO : left;
	}

}
