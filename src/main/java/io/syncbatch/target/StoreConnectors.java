package io.syncbatch.target;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.definition.DefinitionException;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.sandbox.SandboxStores;
import io.syncbatch.target.bigcommerce.BigCommerceConnector;
import io.syncbatch.target.bigcommerce.BigCommerceHttp;

/** The configured stores by name, each with the connector of its platform. */
@Component
public class StoreConnectors {

    private final SyncbatchProperties properties;
    private final BigCommerceHttp bigCommerce;
    private final SandboxStores sandboxes;
    private final Map<String, TargetConnector> connectors = new ConcurrentHashMap<>();

    public StoreConnectors(SyncbatchProperties properties, BigCommerceHttp bigCommerce, SandboxStores sandboxes) {
        this.properties = properties;
        this.bigCommerce = bigCommerce;
        this.sandboxes = sandboxes;
    }

    public Set<String> names() {
        return properties.stores().keySet();
    }

    /** The named store, or the only configured one when none is named. */
    public String orDefault(String store) {
        return store == null ? defaultStore() : store;
    }

    /** The store a job runs against when none is named: the only one configured. */
    public String defaultStore() {
        if (names().size() != 1) {
            throw new IllegalArgumentException("parameter 'store' is required: " + names().size()
                    + " stores are configured " + names());
        }
        return names().iterator().next();
    }

    /** Refuses a launch whose definition names a resource the store's platform has no writer for. */
    public void checkTarget(EntityDefinition definition) {
        try {
            BigCommerceConnector.checkResource(definition.target());
        }
        catch (IllegalArgumentException e) {
            throw new DefinitionException(definition.origin() + ": " + e.getMessage());
        }
    }

    public TargetConnector connector(String storeName) {
        return connectors.computeIfAbsent(storeName, this::create);
    }

    private TargetConnector create(String storeName) {
        SyncbatchProperties.Store store = properties.stores().get(storeName);
        if (store == null) {
            throw new IllegalArgumentException("unknown store '" + storeName + "'; configured stores: " + names());
        }
        if (!"bigcommerce".equalsIgnoreCase(store.platform())) {
            throw new IllegalArgumentException("store '" + storeName + "': platform '" + store.platform()
                    + "' is not supported yet (supported: bigcommerce)");
        }
        URI base = store.sandbox() ? sandboxes.start(storeName, store)
                : URI.create(store.apiUrl().toString().replaceAll("/+$", "") + "/stores/" + store.storeHash());
        return new BigCommerceConnector(new StoreEndpoint(storeName, base, store.accessToken(), store.timeout(),
                store.concurrency()),
                bigCommerce);
    }
}
