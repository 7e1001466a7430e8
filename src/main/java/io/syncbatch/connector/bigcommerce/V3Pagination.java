package io.syncbatch.connector.bigcommerce;

import java.util.function.Function;

import io.syncbatch.connector.MalformedAnswerException;
import tools.jackson.databind.JsonNode;

/**
 * Pagination totals of a v3 collection answer: the contract's {@code meta.pagination}.
 */
record V3Pagination(long total, int totalPages) {

	/**
	 * @param malformed the error for an answer without them, given what it lacks
	 */
	static V3Pagination of(JsonNode answer, Function<String, MalformedAnswerException> malformed) {
		JsonNode pagination = answer.path("meta").path("pagination");
		JsonNode total = pagination.path("total");
		JsonNode totalPages = pagination.path("total_pages");
		if (!total.isIntegralNumber() || !totalPages.isIntegralNumber()) {
			String meta = answer.path("meta").toString();
			throw malformed.apply("has no meta.pagination.total and total_pages, which it needs to page: "
					+ (meta.length() <= 100 ? meta : meta.substring(0, 100) + "…"));
		}
		return new V3Pagination(total.longValue(), totalPages.intValue());
	}

}
