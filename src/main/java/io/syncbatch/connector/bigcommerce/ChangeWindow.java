package io.syncbatch.connector.bigcommerce;

/**
 * Where a read of changed records stands: the window of modification times it asks for
 * next, in the store's whole seconds, and the page within it. Its text form is the
 * {@code ResourceReader.Page#next()} cursor, opaque to callers.
 *
 * <p>
 * The published customers contract sorts only by {@code date_created} or
 * {@code last_name}, not by {@code date_modified}, so "oldest change first" cannot be
 * asked of the store. It can filter by {@code date_modified:min} and {@code :max} though:
 * a window whose changes fit one page is read whole and sorted here, and windows follow
 * one another in time. A window that holds more than a page is narrowed; only a single
 * second with more changes than a page is paged by page number.
 *
 * @param from the first second of the window (epoch seconds, inclusive)
 * @param width how many seconds it spans, at least 1
 * @param page the page within a one-second window; 1 otherwise
 * @param seen how many changes that second held when its first page was read (0 on the
 * first page): fewer later means one left and the pages moved
 */
record ChangeWindow(long from, long width, int page, long seen) {

	private static final String PREFIX = "w1:";

	/** Windows never grow past this (about 34 years), so doubling cannot overflow. */
	private static final long WIDEST = 1L << 30;

	ChangeWindow {
		if (width < 1 || page < 1 || (page > 1 && width != 1) || seen < 0) {
			throw new IllegalArgumentException(
					"not a change window: from " + from + ", width " + width + ", page " + page);
		}
	}

	/** The first window: from {@code from} up to now (and after, see {@link #open}). */
	static ChangeWindow first(long from, long now) {
		return new ChangeWindow(from, Math.min(WIDEST, Math.max(1, now - from + 1)), 1, 0);
	}

	/** The last second the window includes. */
	long to() {
		return from + width - 1;
	}

	/**
	 * A window reaching now is asked for without an upper bound, so a change stamped
	 * later (by a store clock ahead of ours, or while the read goes on) is not left
	 * behind; a one-second window is always bounded, so its pages stay that second's.
	 */
	boolean open(long now) {
		return width > 1 && to() >= now;
	}

	/**
	 * A window at this start small enough for its share of {@code total} changes to fit
	 * {@code limit}, assuming they are spread evenly, and at most half as wide.
	 */
	ChangeWindow narrower(long total, int limit) {
		long estimate = width * limit / Math.max(1, total);
		return new ChangeWindow(from, Math.max(1, Math.min(width / 2, estimate)), 1, 0);
	}

	/** The next page of a one-second window that held {@code total} changes. */
	ChangeWindow nextPage(long total) {
		return new ChangeWindow(from, 1, page + 1, total);
	}

	/** The same second from its first page, once its pages moved. */
	ChangeWindow firstPage() {
		return new ChangeWindow(from, width, 1, 0);
	}

	/** The window after this one, twice as wide: after a window that fit, try more. */
	ChangeWindow following() {
		return new ChangeWindow(to() + 1, Math.min(WIDEST, width * 2), 1, 0);
	}

	String cursor() {
		return PREFIX + from + ":" + width + ":" + page + ":" + seen;
	}

	/**
	 * The window a cursor names.
	 * @throws IllegalArgumentException for text {@link #cursor()} did not write
	 */
	static ChangeWindow parse(String cursor) {
		String[] parts = cursor.startsWith(PREFIX) ? cursor.substring(PREFIX.length()).split(":") : new String[0];
		try {
			if (parts.length == 4) {
				return new ChangeWindow(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2]),
						Long.parseLong(parts[3]));
			}
		}
		catch (IllegalArgumentException malformed) {
			// reported below
		}
		throw new IllegalArgumentException("'" + cursor + "' is not a cursor of the BigCommerce customer reader");
	}

}
