package io.syncbatch.connector.magento;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.ChangeSeconds;
import io.syncbatch.connector.MalformedAnswerException;
import io.syncbatch.connector.PlainJson;
import io.syncbatch.connector.ResourceReader;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.record.DataRecord;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Magento store's customers through {@code GET /V1/customers/search}: what
 * changed since a time, by {@code updated_at}, and customers by id.
 *
 * <p>
 * The published schema declares one filter and one sort order, so changes are read by
 * keyset on the second: {@code updated_at >= T} sorted by {@code updated_at}, and the
 * next page starts at the last second the page reached, which it reads again (a customer
 * read twice is no harm; one skipped would be). A page that holds nothing but one second,
 * more customers changed in it than a page takes, is read as that second alone, by
 * {@code entity_id}, once the second is over so that nothing can enter it; a customer
 * changed meanwhile leaves it for a later second, and the smaller {@code total_count}
 * says so, whereupon the second is read again from its first page.
 *
 * <p>
 * A customer's phone and company are its default billing address's, as Magento's admin
 * shows them: {@code telephone} and {@code company}.
 */
final class MagentoCustomerReader implements ResourceReader {

	private static final String SEARCH = MagentoCustomerWriter.PATH + "/search";

	private static final int IDS_PER_SEARCH = 100;

	private final StoreChannel channel;

	private final Clock clock;

	MagentoCustomerReader(StoreChannel channel, Clock clock) {
		this.channel = channel;
		this.clock = clock;
	}

	/**
	 * Where a read goes on: from a second on ({@code page} 0), or within one second, its
	 * page and the total seen on its first page.
	 */
	private record Cursor(long second, int page, long seen) {

		static Cursor parse(String cursor) {
			String[] parts = cursor.split(":");
			try {
				return new Cursor(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
			}
			catch (RuntimeException unreadable) {
				throw new IllegalArgumentException("'" + cursor + "' is not where a Magento customer read stopped");
			}
		}

		String text() {
			return second + ":" + page + ":" + seen;
		}
	}

	@Override
	public Page changed(@Nullable Instant since, @Nullable String cursor, int pageSize) {
		int size = Math.min(pageSize, SearchCriteria.LARGEST_PAGE);
		Cursor at = cursor != null ? Cursor.parse(cursor)
				: new Cursor(since == null ? 0 : since.getEpochSecond(), 0, 0);
		while (true) {
			if (at.page() == 0) {
				SearchCriteria search = new SearchCriteria(
						new SearchCriteria.Filter("updated_at", "gteq", magentoTime(at.second())),
						new SearchCriteria.Sort("updated_at", true), size);
				MagentoSearch.Answer answer = MagentoSearch.page(channel, SEARCH, search, 1);
				List<StoreDocument> documents = documents(answer.items());
				if (answer.total() <= documents.size()) {
					return new Page(documents, null);
				}
				long last = changedAt(documents.get(documents.size() - 1)).getEpochSecond();
				if (last > at.second()) {
					return new Page(documents, new Cursor(last, 0, 0).text());
				}
				at = new Cursor(at.second(), 1, 0);
				continue;
			}
			ChangeSeconds.awaitOver(clock, at.second(), channel, "customers");
			SearchCriteria search = new SearchCriteria(
					new SearchCriteria.Filter("updated_at", "eq", magentoTime(at.second())),
					new SearchCriteria.Sort("entity_id", true), size);
			MagentoSearch.Answer answer = MagentoSearch.page(channel, SEARCH, search, at.page());
			if (at.page() > 1 && answer.total() != at.seen()) {
				at = new Cursor(at.second(), 1, 0);
				continue;
			}
			Cursor next = (long) at.page() * size >= answer.total() ? new Cursor(at.second() + 1, 0, 0)
					: new Cursor(at.second(), at.page() + 1, answer.total());
			return new Page(documents(answer.items()), next.text());
		}
	}

	@Override
	public Map<String, StoreDocument> byIds(Collection<String> ids) {
		List<String> all = List.copyOf(ids);
		for (String id : all) {
			if (!id.matches("[1-9]\\d{0,17}")) {
				throw new IllegalArgumentException("'" + id + "' is not a Magento customer id");
			}
		}
		Map<String, StoreDocument> found = new LinkedHashMap<>();
		for (int from = 0; from < all.size(); from += IDS_PER_SEARCH) {
			String slice = String.join(",", all.subList(from, Math.min(all.size(), from + IDS_PER_SEARCH)));
			SearchCriteria search = new SearchCriteria(new SearchCriteria.Filter("entity_id", "in", slice), null,
					SearchCriteria.LARGEST_PAGE);
			MagentoSearch.forEach(channel, SEARCH, search, customer -> {
				StoreDocument document = document(customer);
				found.put(document.id(), document);
			});
		}
		return found;
	}

	private List<StoreDocument> documents(List<JsonNode> customers) {
		List<StoreDocument> documents = new ArrayList<>(customers.size());
		customers.forEach(customer -> documents.add(document(customer)));
		return documents;
	}

	/**
	 * Every field the store answered except {@code updated_at}, which is the change time,
	 * plus the default billing address's {@code telephone} and {@code company}.
	 */
	private StoreDocument document(JsonNode customer) {
		JsonNode id = customer.path("id");
		if (!id.isIntegralNumber()) {
			throw malformed("a customer without an integer id: " + abbreviate(customer.path("id").toString()));
		}
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		customer.properties().forEach(field -> {
			if (!"updated_at".equals(field.getKey())) {
				fields.put(field.getKey(), PlainJson.of(field.getValue()));
			}
		});
		JsonNode billing = defaultBilling(customer);
		fields.put("telephone", billing == null ? null : PlainJson.of(billing.get("telephone")));
		fields.put("company", billing == null ? null : PlainJson.of(billing.get("company")));
		return new StoreDocument(String.valueOf(id.longValue()), updatedAt(customer, id.longValue()),
				DataRecord.of(fields));
	}

	private static @Nullable JsonNode defaultBilling(JsonNode customer) {
		String billingId = customer.path("default_billing").asString("");
		for (JsonNode address : customer.path("addresses")) {
			if (address.path("default_billing").asBoolean(false)
					|| (!billingId.isEmpty() && billingId.equals(address.path("id").asString()))) {
				return address;
			}
		}
		return null;
	}

	private Instant updatedAt(JsonNode customer, long id) {
		JsonNode value = customer.path("updated_at");
		try {
			return MagentoTime.parse(value.asString(""));
		}
		catch (DateTimeParseException unreadable) {
			throw malformed("customer " + id + " with updated_at " + abbreviate(value.toString())
					+ ", which is not a time such as 2026-12-07 10:11:12; changes are read by it");
		}
	}

	private static Instant changedAt(StoreDocument document) {
		Instant changedAt = document.changedAt();
		if (changedAt == null) {
			throw new IllegalStateException("customer " + document.id() + " has no change time");
		}
		return changedAt;
	}

	private static String magentoTime(long epochSecond) {
		return MagentoTime.format(Instant.ofEpochSecond(epochSecond));
	}

	private MalformedAnswerException malformed(String what) {
		return new MalformedAnswerException("GET " + SEARCH + " on store " + channel.storeName() + " answered " + what);
	}

	private static String abbreviate(String text) {
		return text.length() <= 100 ? text : text.substring(0, 100) + "…";
	}

}
