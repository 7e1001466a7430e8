package io.syncbatch.connector.magento;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.ChangeSeconds;
import io.syncbatch.connector.MalformedAnswerException;
import io.syncbatch.connector.PlainJson;
import io.syncbatch.connector.ResourceReader;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.record.DataRecord;
import tools.jackson.databind.JsonNode;

/**
 * Reads what changed in a Magento store's list of customers or orders, through its search
 * ({@code GET /V1/customers/search}, {@code GET /V1/orders}): what changed since a time,
 * by {@code updated_at}, and records by id.
 *
 * <p>
 * The published schema declares one filter and one sort order, so changes are read by
 * keyset on the second: {@code updated_at >= T} sorted by {@code updated_at}, and the
 * next page starts at the last second the page reached, which it reads again (a record
 * read twice is no harm; one skipped would be). A page that holds nothing but one second,
 * more records changed in it than a page takes, is read as that second alone, by
 * {@code entity_id}, once the second is over so that nothing can enter it; a record
 * changed meanwhile leaves it for a later second, and the smaller {@code total_count}
 * says so, whereupon the second is read again from its first page.
 */
final class MagentoChangeReader implements ResourceReader {

	private static final int IDS_PER_SEARCH = 100;

	private final StoreChannel channel;

	private final Clock clock;

	private final String search;

	private final Documents documents;

	/**
	 * How a record of the list becomes a store document, and what it is called in
	 * messages.
	 */
	interface Documents {

		/** What the records are, e.g. {@code customers}. */
		String plural();

		/** The record's id, e.g. its {@code id} or its {@code entity_id}. */
		JsonNode id(JsonNode item);

		/**
		 * The fields an import reads: every field but {@code updated_at}, which is the
		 * change time, shaped as the definitions read them.
		 */
		Map<String, @Nullable Object> fields(JsonNode item);

		/** The item's fields as plain values, but for those left out. */
		static Map<String, @Nullable Object> fieldsBut(JsonNode item, Set<String> leftOut) {
			Map<String, @Nullable Object> fields = new LinkedHashMap<>();
			item.properties().forEach(field -> {
				if (!leftOut.contains(field.getKey())) {
					fields.put(field.getKey(), PlainJson.of(field.getValue()));
				}
			});
			return fields;
		}

	}

	/**
	 * @param search the list endpoint below the store root, e.g. {@code /V1/orders}
	 */
	MagentoChangeReader(StoreChannel channel, Clock clock, String search, Documents documents) {
		this.channel = channel;
		this.clock = clock;
		this.search = search;
		this.documents = documents;
	}

	/**
	 * Where a read goes on: from a second on ({@code page} 0), or within one second, its
	 * page and the total seen on its first page.
	 */
	private record Cursor(long second, int page, long seen) {

		static Cursor parse(String cursor, String plural) {
			String[] parts = cursor.split(":");
			try {
				return new Cursor(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
			}
			catch (RuntimeException unreadable) {
				throw new IllegalArgumentException(
						"'" + cursor + "' is not where a read of Magento " + plural + " stopped");
			}
		}

		String text() {
			return second + ":" + page + ":" + seen;
		}
	}

	@Override
	public Page changed(@Nullable Instant since, @Nullable String cursor, int pageSize) {
		int size = Math.min(pageSize, SearchCriteria.LARGEST_PAGE);
		Cursor at = cursor != null ? Cursor.parse(cursor, documents.plural())
				: new Cursor(since == null ? 0 : since.getEpochSecond(), 0, 0);
		while (true) {
			if (at.page() == 0) {
				SearchCriteria from = new SearchCriteria(
						new SearchCriteria.Filter("updated_at", "gteq", magentoTime(at.second())),
						new SearchCriteria.Sort("updated_at", true), size);
				MagentoSearch.Answer answer = MagentoSearch.page(channel, search, from, 1);
				List<StoreDocument> read = read(answer.items());
				if (answer.total() <= read.size()) {
					return new Page(read, null);
				}
				long last = changedAt(read.get(read.size() - 1)).getEpochSecond();
				if (last > at.second()) {
					return new Page(read, new Cursor(last, 0, 0).text());
				}
				at = new Cursor(at.second(), 1, 0);
				continue;
			}
			ChangeSeconds.awaitOver(clock, at.second(), channel, documents.plural());
			SearchCriteria within = new SearchCriteria(
					new SearchCriteria.Filter("updated_at", "eq", magentoTime(at.second())),
					new SearchCriteria.Sort("entity_id", true), size);
			MagentoSearch.Answer answer = MagentoSearch.page(channel, search, within, at.page());
			if (at.page() > 1 && answer.total() != at.seen()) {
				at = new Cursor(at.second(), 1, 0);
				continue;
			}
			Cursor next = (long) at.page() * size >= answer.total() ? new Cursor(at.second() + 1, 0, 0)
					: new Cursor(at.second(), at.page() + 1, answer.total());
			return new Page(read(answer.items()), next.text());
		}
	}

	@Override
	public Map<String, StoreDocument> byIds(Collection<String> ids) {
		List<String> all = List.copyOf(ids);
		for (String id : all) {
			if (!id.matches("[1-9]\\d{0,17}")) {
				throw new IllegalArgumentException("'" + id + "' is not an id of Magento " + documents.plural());
			}
		}
		Map<String, StoreDocument> found = new LinkedHashMap<>();
		for (int from = 0; from < all.size(); from += IDS_PER_SEARCH) {
			String slice = String.join(",", all.subList(from, Math.min(all.size(), from + IDS_PER_SEARCH)));
			SearchCriteria byId = new SearchCriteria(new SearchCriteria.Filter("entity_id", "in", slice), null,
					SearchCriteria.LARGEST_PAGE);
			MagentoSearch.forEach(channel, search, byId, item -> {
				StoreDocument document = document(item);
				found.put(document.id(), document);
			});
		}
		return found;
	}

	private List<StoreDocument> read(List<JsonNode> items) {
		List<StoreDocument> found = new ArrayList<>(items.size());
		items.forEach(item -> found.add(document(item)));
		return found;
	}

	private StoreDocument document(JsonNode item) {
		JsonNode id = documents.id(item);
		if (!id.isIntegralNumber()) {
			throw malformed(
					"one of its " + documents.plural() + " without an integer id: " + abbreviate(id.toString()));
		}
		return new StoreDocument(String.valueOf(id.longValue()), updatedAt(item, id.longValue()),
				DataRecord.of(documents.fields(item)));
	}

	private Instant updatedAt(JsonNode item, long id) {
		JsonNode value = item.path("updated_at");
		try {
			return MagentoTime.parse(value.asString(""));
		}
		catch (DateTimeParseException unreadable) {
			throw malformed("record " + id + " of its " + documents.plural() + " with updated_at "
					+ abbreviate(value.toString()) + ", which is not a time such as 2026-12-07 10:11:12; changes are"
					+ " read by it");
		}
	}

	private static Instant changedAt(StoreDocument document) {
		Instant changedAt = document.changedAt();
		if (changedAt == null) {
			throw new IllegalStateException("record " + document.id() + " has no change time");
		}
		return changedAt;
	}

	private static String magentoTime(long epochSecond) {
		return MagentoTime.format(Instant.ofEpochSecond(epochSecond));
	}

	private MalformedAnswerException malformed(String what) {
		return new MalformedAnswerException("GET " + search + " on store " + channel.storeName() + " answered " + what);
	}

	private static String abbreviate(String text) {
		return text.length() <= 100 ? text : text.substring(0, 100) + "…";
	}

}
