package io.syncbatch.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.syncbatch.config.SyncbatchProperties;

/**
 * Counts failed logins per client address and per user name in fixed windows; once either
 * has {@code max-failures} in its window, logins from that address or for that name are
 * refused without a password check until the window ends. Refusing before the check is
 * the point: a password hash check costs CPU that a guessing client must not be able to
 * spend. Memory is bounded: at most {@code tracked} windows are kept, the least recently
 * touched forgotten first. A successful login clears its address and name.
 */
final class LoginThrottle {

	private record Window(Instant start, int failures) {
	}

	private final SyncbatchProperties.LoginThrottle settings;

	private final Clock clock;

	private final Map<String, Window> windows;

	LoginThrottle(SyncbatchProperties.LoginThrottle settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.windows = new LinkedHashMap<>(256, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
				return size() > settings.tracked();
			}

		};
	}

	/**
	 * How long logins from this address or for this name are still refused, if they are.
	 */
	synchronized Optional<Duration> refusedFor(String address, String username) {
		Instant now = clock.instant();
		Duration longest = Duration.ZERO;
		for (String key : keys(address, username)) {
			Window window = current(key, now);
			if (window != null && window.failures() >= settings.maxFailures()) {
				Duration left = Duration.between(now, window.start().plus(settings.window()));
				longest = left.compareTo(longest) > 0 ? left : longest;
			}
		}
		return longest.isZero() ? Optional.empty() : Optional.of(longest);
	}

	/** Counts a failure; returns the most failures either key now has in its window. */
	synchronized int failed(String address, String username) {
		Instant now = clock.instant();
		int most = 0;
		for (String key : keys(address, username)) {
			Window window = current(key, now);
			Window counted = window == null ? new Window(now, 1) : new Window(window.start(), window.failures() + 1);
			windows.put(key, counted);
			most = Math.max(most, counted.failures());
		}
		return most;
	}

	synchronized void succeeded(String address, String username) {
		for (String key : keys(address, username)) {
			windows.remove(key);
		}
	}

	int maxFailures() {
		return settings.maxFailures();
	}

	Duration window() {
		return settings.window();
	}

	private @Nullable Window current(String key, Instant now) {
		Window window = windows.get(key);
		if (window != null && !now.isBefore(window.start().plus(settings.window()))) {
			windows.remove(key);
			return null;
		}
		return window;
	}

	private static String[] keys(String address, String username) {
		// A user name is kept to 128 characters: a guessing client chooses it.
		return new String[] { "address " + address,
				"user " + (username.length() > 128 ? username.substring(0, 128) : username) };
	}

}
