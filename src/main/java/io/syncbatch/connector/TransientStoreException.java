package io.syncbatch.connector;

/** The store could not answer now (5xx, timeout, reset connection, rate limit): worth retrying later. */
public class TransientStoreException extends RuntimeException {

    public TransientStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
