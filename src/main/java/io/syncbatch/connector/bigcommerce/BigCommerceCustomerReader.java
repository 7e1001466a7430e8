package io.syncbatch.connector.bigcommerce;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.ChangeSeconds;
import io.syncbatch.connector.ResourceReader;
import io.syncbatch.connector.StoreChannel;
import tools.jackson.databind.JsonNode;

/**
 * Reads a BigCommerce store's customers, with their addresses, for imports: what changed
 * since a time, oldest change first, and customers by id. Every request goes through the
 * store's {@link StoreChannel}, so rate limits, the in-flight limit, the sorting of
 * transient errors and secret redaction are the writer's; retrying is the caller's, as
 * every request here is a GET and safe to repeat.
 *
 * <p>
 * Changes are read in windows of modification time ({@link ChangeWindow}), e.g.
 * {@code GET /v3/customers?date_modified:min=2024-05-01T10:00:00Z&date_modified:max=2024-05-01T10:59:59Z&sort=date_created:asc&include=addresses&page=1&limit=100},
 * because the published contract has no {@code sort=date_modified:asc}. A customer
 * changed again while a read goes on leaves its window for a later one and is read again
 * there, never lost. A bounded window is read only once its last second is over, so no
 * change can enter it after it was read. The one case page numbers are used in, more
 * changes in one second than a page holds, would shift a customer of that second from a
 * later page into one already read when another of them leaves meanwhile; as nothing can
 * enter a second that is over, a smaller total says so, and that second is read again
 * from its first page: customers may come twice, which the import's idempotent writes
 * take, but none is skipped. This takes our clock for the store's; changes the store
 * stamps earlier than our clock (a store clock behind ours) are what the import's
 * re-reading overlap is for.
 */
final class BigCommerceCustomerReader implements ResourceReader {

	static final String PATH = "/v3/customers";

	/** The store answers at most 250 per page. */
	static final int MAX_LIMIT = 250;

	private static final Comparator<StoreDocument> OLDEST_CHANGE_FIRST = Comparator
		.comparing((StoreDocument document) -> document.changedAt(), Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparingLong(document -> Long.parseLong(document.id()));

	private final StoreChannel channel;

	private final Clock clock;

	/**
	 * @param clock whose now decides which window is the last, asked for without an upper
	 * bound
	 */
	BigCommerceCustomerReader(StoreChannel channel, Clock clock) {
		this.channel = channel;
		this.clock = clock;
	}

	/**
	 * Changes at or after {@code since}'s second (the store keeps whole seconds), or all
	 * customers when it is null. Pages may hold fewer than {@code pageSize} customers: a
	 * window's changes are one page.
	 */
	@Override
	public Page changed(@Nullable Instant since, @Nullable String cursor, int pageSize) {
		if (pageSize < 1) {
			throw new IllegalArgumentException("a page holds at least one customer, not " + pageSize);
		}
		int limit = Math.min(pageSize, MAX_LIMIT);
		ChangeWindow window = cursor != null ? ChangeWindow.parse(cursor)
				: ChangeWindow.first(since == null ? 0 : since.getEpochSecond(), now());
		while (true) {
			if (!window.open(now()) && window.to() >= now()) {
				// Only a one-second window can be bounded and not over yet.
				ChangeSeconds.awaitOver(clock, window.to(), channel, "customers");
				continue;
			}
			boolean open = window.open(now());
			Map<String, Object> query = new LinkedHashMap<>();
			query.put("date_modified:min", Instant.ofEpochSecond(window.from()).toString());
			if (!open) {
				query.put("date_modified:max", Instant.ofEpochSecond(window.to()).toString());
			}
			// The contract's only stable order: it keeps the pages of a busy second
			// apart.
			query.put("sort", "date_created:asc");
			query.put("include", "addresses");
			query.put("page", window.page());
			query.put("limit", limit);
			Answer answer = get(query);
			V3Pagination pagination = answer.documents().pagination(answer.body());
			if (pagination.total() > limit && window.width() > 1) {
				window = window.narrower(pagination.total(), limit);
				continue;
			}
			if (window.page() > 1 && pagination.total() != window.seen()) {
				window = window.firstPage();
				continue;
			}
			List<StoreDocument> documents = new ArrayList<>(answer.documents().documents(answer.body()));
			long seen = window.page() == 1 ? pagination.total() : window.seen();
			ChangeWindow next = window.width() == 1 && window.page() < pagination.totalPages() ? window.nextPage(seen)
					: open ? null : window.following();
			if (documents.isEmpty() && next != null) {
				window = next;
				continue;
			}
			documents.sort(OLDEST_CHANGE_FIRST);
			return new Page(List.copyOf(documents), next == null ? null : next.cursor());
		}
	}

	/**
	 * {@code GET /v3/customers?id:in=4,5,6&include=addresses&page=1&limit=50}, 50 ids at
	 * a time.
	 * @throws IllegalArgumentException for an id that is not a BigCommerce customer id (a
	 * positive integer), which the contract would not let us send
	 */
	@Override
	public Map<String, StoreDocument> byIds(Collection<String> ids) {
		return new V3IdLookup(channel, "customer").read(ids, Map.of("include", "addresses"), query -> {
			Answer answer = get(query);
			return answer.documents().documents(answer.body());
		});
	}

	private record Answer(JsonNode body, CustomerDocuments documents) {
	}

	private Answer get(Map<String, Object> query) {
		QueryGet request = new QueryGet(PATH, query);
		return new Answer(request.send(channel), new CustomerDocuments(request.described(channel)));
	}

	private long now() {
		return clock.instant().getEpochSecond();
	}

}
