package io.syncbatch.definition;

import org.jspecify.annotations.Nullable;

/**
 * Where records of an entity go in the store.
 *
 * @param resource one of the store platform's resources, e.g. {@code customers} or
 * {@code products}; the connector knows how that resource is written and how a record
 * created before a crash is found again (README, "Store resources")
 * @param onDelete what happens to the store's record when the ERP record is gone;
 * {@code keep} unless the definition says otherwise
 */
public record TargetSpec(String resource, OnDelete onDelete) {

	public TargetSpec(String resource, @Nullable OnDelete onDelete) {
		this.resource = resource;
		this.onDelete = onDelete == null ? OnDelete.KEEP : onDelete;
	}

}
