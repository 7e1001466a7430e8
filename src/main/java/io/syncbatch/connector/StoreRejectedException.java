package io.syncbatch.connector;

/**
 * The store refused the request for what it contains (4xx): retrying the same request
 * cannot succeed.
 */
public class StoreRejectedException extends RuntimeException {

	public StoreRejectedException(String message) {
		super(message);
	}

}
