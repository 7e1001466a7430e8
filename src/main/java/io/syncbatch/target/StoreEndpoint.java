package io.syncbatch.target;

import java.net.URI;
import java.time.Duration;

/** How to reach one store's API; {@code baseUri} ends with the API version, e.g. {@code .../stores/abc/v3}. */
public record StoreEndpoint(String name, URI baseUri, String accessToken, Duration timeout) {

    /** The token is a credential: keep it out of logs and error messages. */
    @Override
    public String toString() {
        return "StoreEndpoint[" + name + " at " + baseUri + "]";
    }
}
