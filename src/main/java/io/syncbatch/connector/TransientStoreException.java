package io.syncbatch.connector;

import org.jspecify.annotations.Nullable;

/**
 * The store could not answer now (5xx, timeout, reset connection, rate limit): worth
 * retrying later.
 */
public class TransientStoreException extends RuntimeException {

	public TransientStoreException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
