package io.syncbatch.connector.bigcommerce;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.ResourceReader;
import io.syncbatch.connector.StoreChannel;
import tools.jackson.databind.JsonNode;

/**
 * Reads a BigCommerce store's customer addresses for imports
 * ({@code GET /v3/customers/addresses?page=1&limit=250}). The published contract gives an
 * address no modification date and the collection no filter by one, and an address edited
 * in the store does not say whether its customer's {@code date_modified} moves with it;
 * so every read of changes reads every address, whatever {@code since} is, and the
 * import's fingerprints leave the unchanged ones out. That costs one request per 250
 * addresses a run, and loses none.
 *
 * <p>
 * Pages are numbered: an address deleted while a read goes on shifts a later one into a
 * page already read, and that address is read by the next run, not this one. A full
 * import never takes such an address for deleted, since deletions are asked of the store
 * by id ({@link #byIds}).
 */
final class BigCommerceAddressReader implements ResourceReader {

	static final String PATH = "/v3/customers/addresses";

	/** The store answers at most 250 per page. */
	static final int MAX_LIMIT = 250;

	private final StoreChannel channel;

	BigCommerceAddressReader(StoreChannel channel) {
		this.channel = channel;
	}

	/**
	 * Every address, {@code since} notwithstanding: the cursor is the next page's number.
	 */
	@Override
	public Page changed(@Nullable Instant since, @Nullable String cursor, int pageSize) {
		if (pageSize < 1) {
			throw new IllegalArgumentException("a page holds at least one address, not " + pageSize);
		}
		int page = cursor == null ? 1 : Integer.parseInt(cursor);
		Map<String, Object> query = new LinkedHashMap<>();
		query.put("page", page);
		query.put("limit", Math.min(pageSize, MAX_LIMIT));
		QueryGet request = new QueryGet(PATH, query);
		JsonNode answer = request.send(channel);
		AddressDocuments documents = new AddressDocuments(request.described(channel));
		V3Pagination pagination = documents.pagination(answer);
		return new Page(List.copyOf(documents.documents(answer)),
				page < pagination.totalPages() ? String.valueOf(page + 1) : null);
	}

	/** Addresses have no modification date in the contract. */
	@Override
	public boolean dated() {
		return false;
	}

	/**
	 * {@code GET /v3/customers/addresses?id:in=4,5,6&page=1&limit=50}, 50 ids at a time.
	 * @throws IllegalArgumentException for an id that is not a BigCommerce address id (a
	 * positive integer), which the contract would not let us send
	 */
	@Override
	public Map<String, StoreDocument> byIds(Collection<String> ids) {
		return new V3IdLookup(channel, "address").read(ids, Map.of(), query -> {
			QueryGet request = new QueryGet(PATH, query);
			return new AddressDocuments(request.described(channel)).documents(request.send(channel));
		});
	}

}
