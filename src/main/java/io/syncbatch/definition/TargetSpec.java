package io.syncbatch.definition;

/**
 * Where records of an entity go in the store.
 *
 * @param resource   the connector's resource, e.g. {@code customers}
 * @param naturalKey the payload field the store treats as unique, used to find a record that was created
 *                   before a crash but whose external id was never saved
 */
public record TargetSpec(String resource, String naturalKey) {
}
