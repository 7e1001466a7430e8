package io.syncbatch.connector;

import java.util.Map;

/**
 * Decides whether a store record found by natural key may be adopted by the record that
 * was looked up. The store may already have it because our own create's answer was lost,
 * or because it belongs to another record: two records must never be merged into one
 * store record silently.
 */
@FunctionalInterface
public interface AdoptionGuard {

	/** Adopts everything: for writes whose bindings the caller checks itself. */
	AdoptionGuard ANY = found -> Map.of();

	/**
	 * @param found key → store id of what the lookup found
	 * @return key → why that record may not adopt the store record it found; keys absent
	 * may adopt theirs
	 */
	Map<String, String> refusals(Map<String, String> found);

}
