package io.syncbatch.target;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach one store's API; {@code baseUri} is the store root, e.g. {@code .../stores/abc}.
 *
 * @param concurrency how many requests may be in flight to the store at once
 */
public record StoreEndpoint(String name, URI baseUri, String accessToken, Duration timeout, int concurrency) {

    /** The token is a credential: keep it out of logs and error messages. */
    @Override
    public String toString() {
        return "StoreEndpoint[" + name + " at " + baseUri + "]";
    }
}
