package io.syncbatch.connector;

import java.net.URI;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** One configured store of a platform: the resources it can write and read. */
public interface StoreConnection {

	/** The resources a definition's {@code target.resource} may name for this store. */
	Set<String> writableResources();

	/**
	 * How records of a resource are written and found again.
	 * @throws IllegalArgumentException naming the resource and the ones the platform has
	 */
	ResourceWriter writer(String resource);

	/**
	 * How records of a resource are read from the store, or null when the platform cannot
	 * read it.
	 */
	@Nullable ResourceReader reader(String resource);

	/** How the store's webhooks are read, or null when the platform sends none. */
	default @Nullable StoreWebhooks webhooks() {
		return null;
	}

	/**
	 * The root of the local sandbox this store is, started if it is not running yet; null
	 * for a store that is not a local sandbox.
	 */
	default @Nullable URI openSandbox() {
		return null;
	}

	/** Stops what the connection started (a local sandbox, threads). */
	default void close() {
	}

}
