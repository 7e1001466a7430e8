package io.syncbatch.connector.magento;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.http.HttpMethod;

import io.syncbatch.connector.MalformedAnswerException;
import io.syncbatch.connector.StoreChannel;
import tools.jackson.databind.JsonNode;

/**
 * Reads every item a search of a list endpoint finds, page after page. Magento answers a
 * {@code currentPage} past the last with the last page again, not an empty one: the end
 * is when {@code total_count} items have been read, or a page came back empty.
 */
final class MagentoSearch {

	private MagentoSearch() {
	}

	/**
	 * @param path the list endpoint below the store root, e.g.
	 * {@code /V1/customers/search}
	 * @return how many items were read
	 * @throws MalformedAnswerException for an answer without {@code items} and
	 * {@code total_count}
	 */
	static long forEach(StoreChannel channel, String path, SearchCriteria criteria, Consumer<JsonNode> item) {
		long read = 0;
		for (int page = 1;; page++) {
			Answer answer = page(channel, path, criteria, page);
			answer.items().forEach(item);
			read += answer.items().size();
			if (answer.items().isEmpty() || read >= answer.total()) {
				return read;
			}
		}
	}

	/** One page of a search's items, and how many items the search finds in all. */
	record Answer(List<JsonNode> items, long total) {
	}

	/**
	 * @throws MalformedAnswerException for an answer without {@code items} and
	 * {@code total_count}
	 */
	static Answer page(StoreChannel channel, String path, SearchCriteria criteria, int page) {
		SearchCriteria.Page query = criteria.page(page);
		JsonNode answer = channel.send(HttpMethod.GET, path + "?" + query.query(), query.variables(), null);
		JsonNode items = answer.path("items");
		JsonNode total = answer.path("total_count");
		if (!items.isArray() || !total.isIntegralNumber()) {
			throw new MalformedAnswerException("GET " + path + " page " + page + " on store " + channel.storeName()
					+ " answered no items and total_count, which a Magento search answers");
		}
		List<JsonNode> list = new ArrayList<>(items.size());
		items.forEach(list::add);
		return new Answer(List.copyOf(list), total.longValue());
	}

}
