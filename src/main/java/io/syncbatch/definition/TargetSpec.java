package io.syncbatch.definition;

/**
 * Where records of an entity go in the store.
 *
 * @param resource one of the store platform's resources, e.g. {@code customers} or
 * {@code products}; the connector knows how that resource is written and how a record
 * created before a crash is found again (README, "Store resources")
 */
public record TargetSpec(String resource) {
}
