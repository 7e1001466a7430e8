package io.syncbatch.connector.bigcommerce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.ResourceReader;
import io.syncbatch.connector.StoreChannel;
import tools.jackson.databind.JsonNode;

/**
 * Reads a BigCommerce store's orders, with their lines, for imports: what changed since a
 * time, oldest change first, and orders by id. Every request goes through the store's
 * {@link StoreChannel}; retrying is the caller's, as every request here is a GET.
 *
 * <p>
 * Changes are read by modification time, not by page number:
 * {@code GET /v2/orders?min_date_modified=2026-12-07T10:00:00Z&sort=date_modified:asc&page=1&limit=50},
 * and the next page starts again at the last order's second, leaving out the orders of
 * that second already read. An order changed while the read goes on moves to a later
 * second, which the read reaches later; nothing moves before the place the read has
 * reached, so nothing is skipped. Only when more orders share one second than a page
 * holds are that second's pages read by number, where one changed meanwhile could shift
 * another into a page already read; the import's re-reading overlap catches such an order
 * on the next run.
 *
 * <p>
 * Each order's lines are one more request ({@code GET /v2/orders/{id}/products}); an
 * order's lines are part of what an import reads of it.
 */
final class BigCommerceOrderReader implements ResourceReader {

	static final String PATH = "/v2/orders";

	/** The store answers at most 250 per page. */
	static final int MAX_LIMIT = 250;

	private static final Comparator<StoreDocument> OLDEST_CHANGE_FIRST = Comparator
		.comparing((StoreDocument document) -> document.changedAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparingLong(document -> Long.parseLong(document.id()));

	private final StoreChannel channel;

	BigCommerceOrderReader(StoreChannel channel) {
		this.channel = channel;
	}

	/**
	 * Where a read of changes stands: the second it reads from, the page of that second
	 * when more orders share it than a page holds, and the orders of that second already
	 * read.
	 */
	private record Cursor(long from, int page, Set<String> seen) {

		String text() {
			return from + ":" + page + ":" + String.join(",", seen);
		}

		static Cursor parse(String text) {
			String[] parts = text.split(":", 3);
			Set<String> seen = new LinkedHashSet<>();
			if (parts.length == 3 && !parts[2].isEmpty()) {
				seen.addAll(List.of(parts[2].split(",")));
			}
			try {
				return new Cursor(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), seen);
			}
			catch (RuntimeException notACursor) {
				throw new IllegalArgumentException("'" + text + "' is not where a read of orders stands");
			}
		}

	}

	@Override
	public Page changed(@Nullable Instant since, @Nullable String cursor, int pageSize) {
		if (pageSize < 1) {
			throw new IllegalArgumentException("a page holds at least one order, not " + pageSize);
		}
		int limit = Math.min(pageSize, MAX_LIMIT);
		Cursor at = cursor != null ? Cursor.parse(cursor)
				: new Cursor(since == null ? 0 : since.getEpochSecond(), 1, Set.of());
		while (true) {
			Map<String, Object> query = new LinkedHashMap<>();
			query.put("min_date_modified", Instant.ofEpochSecond(at.from()).toString());
			query.put("sort", "date_modified:asc");
			query.put("page", at.page());
			query.put("limit", limit);
			Answer answer = get(query);
			List<JsonNode> orders = answer.documents().items(answer.body());
			List<JsonNode> unseen = new ArrayList<>();
			for (int i = 0; i < orders.size(); i++) {
				JsonNode order = orders.get(i);
				if (!at.seen().contains(String.valueOf(answer.documents().id(order, "[" + i + "]")))) {
					unseen.add(order);
				}
			}
			Cursor next = orders.size() < limit ? null : next(at, orders, answer.documents());
			if (unseen.isEmpty() && next != null) {
				at = next;
				continue;
			}
			List<StoreDocument> documents = new ArrayList<>();
			for (int i = 0; i < unseen.size(); i++) {
				documents.add(withLines(unseen.get(i), answer.documents(), "[" + i + "]"));
			}
			documents.sort(OLDEST_CHANGE_FIRST);
			return new Page(List.copyOf(documents), next == null ? null : next.text());
		}
	}

	/**
	 * After a full page: its last second, with the orders of it read so far; or, when the
	 * whole page is of the second it started at, that second's next page.
	 */
	private static Cursor next(Cursor at, List<JsonNode> orders, OrderDocuments documents) {
		long last = documents.changedAt(orders.get(orders.size() - 1), "[" + (orders.size() - 1) + "]")
			.getEpochSecond();
		Set<String> seenThere = new LinkedHashSet<>();
		for (int i = 0; i < orders.size(); i++) {
			if (documents.changedAt(orders.get(i), "[" + i + "]").getEpochSecond() == last) {
				seenThere.add(String.valueOf(documents.id(orders.get(i), "[" + i + "]")));
			}
		}
		if (last == at.from() && seenThere.size() == orders.size()) {
			Set<String> seen = new LinkedHashSet<>(at.seen());
			seen.addAll(seenThere);
			return new Cursor(last, at.page() + 1, seen);
		}
		return new Cursor(last, 1, seenThere);
	}

	/**
	 * {@code GET /v2/orders?min_id=7&max_id=7&page=1&limit=1} for each id, and its lines;
	 * ids the store does not have are absent.
	 * @throws IllegalArgumentException for an id that is not a BigCommerce order id (a
	 * positive integer), which the contract would not let us send
	 */
	@Override
	public Map<String, StoreDocument> byIds(Collection<String> ids) {
		Map<String, StoreDocument> found = new LinkedHashMap<>();
		for (String id : new LinkedHashSet<>(ids)) {
			if (!id.matches("[1-9][0-9]{0,9}")) {
				throw new IllegalArgumentException(
						"'" + id + "' is not an order id of store " + channel.storeName() + " (a positive integer)");
			}
			Map<String, Object> query = new LinkedHashMap<>();
			query.put("min_id", id);
			query.put("max_id", id);
			query.put("page", 1);
			query.put("limit", 1);
			Answer answer = get(query);
			List<JsonNode> orders = answer.documents().items(answer.body());
			if (!orders.isEmpty()) {
				found.put(id, withLines(orders.get(0), answer.documents(), "[0]"));
			}
		}
		return found;
	}

	/** The order with every one of its lines, a page of 250 at a time. */
	private StoreDocument withLines(JsonNode order, OrderDocuments documents, String at) {
		long id = documents.id(order, at);
		List<JsonNode> lines = new ArrayList<>();
		for (int page = 1;; page++) {
			Map<String, Object> query = new LinkedHashMap<>();
			query.put("page", page);
			query.put("limit", MAX_LIMIT);
			QueryGet request = new QueryGet(PATH + "/" + id + "/products", query);
			List<JsonNode> these = new OrderDocuments(request.described(channel)).items(request.send(channel));
			lines.addAll(these);
			if (these.size() < MAX_LIMIT) {
				return documents.document(order, lines, at);
			}
		}
	}

	private record Answer(JsonNode body, OrderDocuments documents) {
	}

	private Answer get(Map<String, Object> query) {
		QueryGet request = new QueryGet(PATH, query);
		return new Answer(request.send(channel), new OrderDocuments(request.described(channel)));
	}

}
