package io.syncbatch.definition;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where records of an entity go in the store.
 *
 * @param resource one of the store platform's resources, e.g. {@code customers} or
 * {@code products}; the connector knows how that resource is written and how a record
 * created before a crash is found again (README, "Store resources")
 * @param onDelete what happens to the store's record when the ERP record is gone;
 * {@code keep} unless the definition says otherwise
 * @param platforms by platform name, how that platform names the store fields where it
 * differs ({@code platforms: {magento: {rename: {first_name: firstname}}}})
 * @param oneStore a record lives in one store (an order, placed in one or sent to one): a
 * record another store has (imported from it, or sent to it first) is not sent to this
 * one
 */
public record TargetSpec(String resource, OnDelete onDelete, Map<String, OnPlatform> platforms, Boolean oneStore) {

	public TargetSpec {
		onDelete = onDelete == null ? OnDelete.KEEP : onDelete;
		platforms = platforms == null ? Map.of() : Map.copyOf(platforms);
		oneStore = Boolean.TRUE.equals(oneStore);
	}

	/** How the platform names the store fields; the definition's own names by default. */
	public OnPlatform on(String platform) {
		return platforms.getOrDefault(platform, OnPlatform.SAME);
	}

}
