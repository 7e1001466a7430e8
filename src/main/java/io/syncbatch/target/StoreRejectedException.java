package io.syncbatch.target;

/** The store refused the request for what it contains (4xx): retrying the same request cannot succeed. */
public class StoreRejectedException extends RuntimeException {

    private final int status;

    public StoreRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
