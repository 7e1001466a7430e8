package io.syncbatch.target;

/** The store could not answer now (5xx, timeout, reset connection, rate limit): worth retrying later. */
public class TransientTargetException extends RuntimeException {

    public TransientTargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
