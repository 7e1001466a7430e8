package io.syncbatch.connector;

import org.springframework.boot.context.properties.bind.Binder;

import io.syncbatch.config.SyncbatchProperties;

/**
 * A store platform (BigCommerce, Magento…): one implementation in a package of its own,
 * registered as a Spring bean. That registration is all the rest of the engine needs: a
 * store configured with {@code platform:
 * <name>} is connected through it, and everything platform-specific (settings, requests,
 * how a record is found again) stays behind it.
 */
public interface Platform {

	/**
	 * As {@code syncbatch.stores.<store>.platform} names it, e.g. {@code bigcommerce}.
	 */
	String name();

	/**
	 * Reads the store's own settings under {@code syncbatch.stores.<store>} and checks
	 * them, at start-up: nothing may be sent to a store whose settings are wrong.
	 * @param store the settings every platform has
	 * @param settings where the platform binds its own settings from, e.g.
	 * {@code syncbatch.stores.main.store-hash}
	 * @throws IllegalArgumentException naming the setting that is missing or wrong
	 */
	StoreConnection connect(String name, SyncbatchProperties.Store store, Binder settings);

}
