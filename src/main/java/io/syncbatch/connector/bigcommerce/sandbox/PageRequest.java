package io.syncbatch.connector.bigcommerce.sandbox;

import java.util.List;
import java.util.Map;

/**
 * The {@code page} and {@code limit} query parameters: pages count from 1, limits are
 * capped as BigCommerce caps them.
 */
record PageRequest(int page, int limit) {

	static final int DEFAULT_LIMIT = 50;
	static final int MAX_LIMIT = 250;

	static PageRequest from(Map<String, String> query) {
		int page = query.containsKey("page") ? Queries.positiveInt(query, "page") : 1;
		int limit = query.containsKey("limit") ? Math.min(Queries.positiveInt(query, "limit"), MAX_LIMIT)
				: DEFAULT_LIMIT;
		return new PageRequest(page, limit);
	}

	<T> List<T> slice(List<T> all) {
		long from = (long) (page - 1) * limit;
		if (from >= all.size()) {
			return List.of();
		}
		return all.subList((int) from, (int) Math.min(all.size(), from + limit));
	}

	int totalPages(int total) {
		return (total + limit - 1) / limit;
	}
}
