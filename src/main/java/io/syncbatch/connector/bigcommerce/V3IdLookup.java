package io.syncbatch.connector.bigcommerce;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.syncbatch.connector.ResourceReader.StoreDocument;
import io.syncbatch.connector.StoreChannel;

/**
 * Reads records of a V3 collection by id: {@code id:in=4,5,6&page=1&limit=50}, 50 ids a
 * request, answered in the order asked and without the ids the store does not have.
 *
 * @param channel the store's channel, which names the store in messages
 * @param noun what the ids name, for the message refusing one: "customer"
 */
record V3IdLookup(StoreChannel channel, String noun) {

	/** Ids per {@code id:in} request: 50 ids of up to 10 digits keep the URL short. */
	static final int IDS_PER_REQUEST = 50;

	/**
	 * @param query the query of one request besides {@code id:in}, {@code page} and
	 * {@code limit}, e.g. {@code include=addresses}
	 * @param read sends a request with that query and answers the documents it returned
	 * @throws IllegalArgumentException for an id that is not a BigCommerce id (a positive
	 * integer), which the contract would not let us send
	 */
	Map<String, StoreDocument> read(Collection<String> ids, Map<String, Object> query,
			Function<Map<String, Object>, List<StoreDocument>> read) {
		Set<String> wanted = new LinkedHashSet<>();
		for (String id : ids) {
			if (!id.matches("[1-9][0-9]{0,9}")) {
				throw new IllegalArgumentException("'" + id + "' is not " + (noun.matches("[aeiou].*") ? "an " : "a ")
						+ noun + " id of store " + channel.storeName() + " (a positive integer)");
			}
			wanted.add(id);
		}
		List<String> all = List.copyOf(wanted);
		Map<String, StoreDocument> found = new LinkedHashMap<>();
		for (int from = 0; from < all.size(); from += IDS_PER_REQUEST) {
			Map<String, Object> batch = new LinkedHashMap<>();
			batch.put("id:in", String.join(",", all.subList(from, Math.min(all.size(), from + IDS_PER_REQUEST))));
			batch.putAll(query);
			batch.put("page", 1);
			batch.put("limit", IDS_PER_REQUEST);
			read.apply(batch).forEach(document -> found.put(document.id(), document));
		}
		Map<String, StoreDocument> ordered = new LinkedHashMap<>();
		all.stream().filter(found::containsKey).forEach(id -> ordered.put(id, found.get(id)));
		return ordered;
	}

}
