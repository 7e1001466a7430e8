package io.syncbatch.sandbox;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.syncbatch.config.SyncbatchProperties;

/**
 * Starts the local sandbox of a store configured with {@code sandbox: true} the first time a job needs it, so
 * commands that never talk to the store (history) do not open a port.
 */
@Component
public class SandboxStores implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SandboxStores.class);

    private final Map<String, SandboxStore> running = new ConcurrentHashMap<>();

    /** The running sandbox's store root, e.g. {@code http://127.0.0.1:8123/stores/abc}: callers append /v3 or /v2. */
    public URI start(String name, SyncbatchProperties.Store store) {
        return running.computeIfAbsent(name, key -> {
            SandboxStore sandbox = new SandboxStore(store.storeHash(), store.accessToken(), 0,
                    store.dataFile() == null ? null : Path.of(store.dataFile()));
            URI uri = sandbox.start();
            log.info("Store '{}' is the local sandbox at {}", name, uri);
            return sandbox;
        }).baseUri();
    }

    @Override
    public void destroy() {
        running.values().forEach(SandboxStore::stop);
    }
}
