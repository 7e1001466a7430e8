package io.syncbatch.connector.magento;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

import io.syncbatch.connector.OutgoingRecord;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.WritePlan;
import tools.jackson.databind.JsonNode;

/**
 * Magento's customers: {@code POST /V1/customers} creates one, {@code PUT
 * /V1/customers/{customerId}} updates one, each wrapped as {@code {"customer": {…}}}.
 * Magento refuses a second customer with the same email in a website, so a create is sent
 * at once and only a refused one is looked up, by email, through
 * {@code GET /V1/customers/search}. An update without {@code addresses} leaves the
 * customer's addresses as they are.
 */
final class MagentoCustomerWriter extends OneRecordWriter {

	static final String PATH = "/V1/customers";

	/** Emails looked up in one search; each is a few dozen characters of the query. */
	private static final int EMAILS_PER_SEARCH = 50;

	private static final String EMAIL = "email";

	private final StoreChannel channel;

	MagentoCustomerWriter(StoreChannel channel) {
		super(WritePlan.Creation.CREATE_FIRST, EMAIL);
		this.channel = channel;
	}

	@Override
	public @Nullable String forbidden(OutgoingRecord record) {
		String email = email(record);
		if (email == null || email.isBlank()) {
			return "email is required: Magento keys customers by email";
		}
		if (email.contains(",")) {
			return "email '" + email + "' holds a comma, which Magento's search by email would read as two";
		}
		return null;
	}

	@Override
	String created(OutgoingRecord record) {
		JsonNode answer = channel.send(HttpMethod.POST, PATH, Map.of(), Map.of("customer", record.payload()));
		return MagentoIds.of(answer, "customer", "POST " + PATH, channel);
	}

	@Override
	String updated(OutgoingRecord record) {
		String id = String.valueOf(record.externalId());
		Map<String, @Nullable Object> customer = new LinkedHashMap<>(record.payload());
		customer.put("id", Long.valueOf(id));
		channel.send(HttpMethod.PUT, PATH + "/{customerId}", Map.of("customerId", id), Map.of("customer", customer));
		return id;
	}

	/**
	 * The customers with these emails, compared without regard to case as Magento does;
	 * an email two customers have (in two websites) is not adopted, so the two are never
	 * taken for one.
	 */
	@Override
	public Map<String, String> lookup(List<OutgoingRecord> records) {
		Map<String, List<String>> idsByEmail = new HashMap<>();
		List<String> emails = records.stream().map(MagentoCustomerWriter::email).distinct().toList();
		for (int from = 0; from < emails.size(); from += EMAILS_PER_SEARCH) {
			List<String> slice = emails.subList(from, Math.min(emails.size(), from + EMAILS_PER_SEARCH));
			SearchCriteria search = new SearchCriteria(new SearchCriteria.Filter(EMAIL, "in", String.join(",", slice)),
					null, SearchCriteria.LARGEST_PAGE);
			MagentoSearch.forEach(channel, PATH + "/search", search,
					customer -> idsByEmail
						.computeIfAbsent(customer.path(EMAIL).asString().toLowerCase(Locale.ROOT),
								email -> new ArrayList<>())
						.add(MagentoIds.of(customer, "customer", "GET " + PATH + "/search", channel)));
		}
		Map<String, String> found = new HashMap<>();
		for (OutgoingRecord record : records) {
			List<String> ids = idsByEmail.getOrDefault(String.valueOf(email(record)).toLowerCase(Locale.ROOT),
					List.of());
			if (ids.size() == 1) {
				found.put(record.key(), ids.get(0));
			}
		}
		return found;
	}

	@Override
	public String naturalKey(OutgoingRecord record) {
		return "email " + email(record);
	}

	private static @Nullable String email(OutgoingRecord record) {
		Object email = record.payload().get(EMAIL);
		return email == null ? null : email.toString();
	}

}
