package io.syncbatch.connector.magento;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

import io.syncbatch.connector.OutgoingRecord;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.StoreRejectedException;
import io.syncbatch.connector.WritePlan;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Magento's customer addresses. Magento has no request of its own for an address: they
 * are the {@code addresses} of their customer, written by saving the whole customer
 * ({@code GET} then {@code PUT /V1/customers/{id}}). So the addresses of one customer are
 * written one at a time (two at once would each save the customer without the other's),
 * and an address is looked up among its customer's by street and postcode before it is
 * created: a save whose answer was lost has already added it.
 *
 * <p>
 * The definition's address (first_name, last_name, company, address1, address2, city,
 * state_or_province, postal_code, country_code, phone, customer_id) takes Magento's shape
 * here: the street lines are {@code street}, and the state is the country's region of
 * that name or code as the store lists it ({@code GET /V1/directory/countries/{id}}),
 * since Magento keeps regions by id. An address keeps the default billing and shipping
 * flags the store gave it.
 */
final class MagentoAddressWriter extends OneRecordWriter {

	private static final String CUSTOMER = "customer_id";

	private final StoreChannel channel;

	private final JsonMapper json;

	private final Map<String, Object> customerLocks = new ConcurrentHashMap<>();

	private final Map<String, JsonNode> countries = new ConcurrentHashMap<>();

	MagentoAddressWriter(StoreChannel channel, JsonMapper json) {
		super(WritePlan.Creation.LOOKUP_FIRST, CUSTOMER, "address1", "postal_code");
		this.channel = channel;
		this.json = json;
	}

	@Override
	public @Nullable String forbidden(OutgoingRecord record) {
		return notAnId(record, CUSTOMER, "customer");
	}

	@Override
	String created(OutgoingRecord record) {
		String customerId = text(record, CUSTOMER);
		synchronized (lockOf(customerId)) {
			ObjectNode customer = customer(customerId);
			ArrayNode addresses = addresses(customer);
			Set<String> before = new HashSet<>();
			addresses.forEach(address -> before.add(address.path("id").asString()));
			addresses.add(address(record, json.createObjectNode()));
			JsonNode saved = save(customerId, customer);
			for (JsonNode address : saved.path("addresses")) {
				if (!before.contains(address.path("id").asString()) && same(address, record)) {
					return address.path("id").asString();
				}
			}
			throw new StoreRejectedException("PUT /V1/customers/" + customerId + " on store " + channel.storeName()
					+ " answered the customer without the address it added");
		}
	}

	@Override
	String updated(OutgoingRecord record) {
		String customerId = text(record, CUSTOMER);
		synchronized (lockOf(customerId)) {
			ObjectNode customer = customer(customerId);
			for (JsonNode address : addresses(customer)) {
				if (address.path("id").asString().equals(record.externalId())) {
					address(record, (ObjectNode) address);
					save(customerId, customer);
					return String.valueOf(record.externalId());
				}
			}
			throw new StoreRejectedException("address " + record.externalId() + " is no longer one of customer "
					+ customerId + "'s in store " + channel.storeName());
		}
	}

	/** Among each record's customer's addresses, the one of its street and postcode. */
	@Override
	public Map<String, String> lookup(List<OutgoingRecord> records) {
		Map<String, String> found = new HashMap<>();
		for (OutgoingRecord record : records) {
			List<String> ids = new ArrayList<>();
			for (JsonNode address : addresses(customer(text(record, CUSTOMER)))) {
				if (same(address, record)) {
					ids.add(address.path("id").asString());
				}
			}
			if (ids.size() == 1) {
				found.put(record.key(), ids.get(0));
			}
		}
		return found;
	}

	@Override
	public String naturalKey(OutgoingRecord record) {
		return "street '" + text(record, "address1") + "', postcode '" + text(record, "postal_code") + "' of customer "
				+ text(record, CUSTOMER);
	}

	/** The definition's address, written onto a Magento address. */
	private ObjectNode address(OutgoingRecord record, ObjectNode address) {
		address.put(CUSTOMER, Long.parseLong(text(record, CUSTOMER)));
		address.put("firstname", text(record, "first_name"));
		address.put("lastname", text(record, "last_name"));
		address.put("company", text(record, "company"));
		ArrayNode street = address.putArray("street");
		street.add(text(record, "address1"));
		if (!text(record, "address2").isBlank()) {
			street.add(text(record, "address2"));
		}
		address.put("city", text(record, "city"));
		address.put("postcode", text(record, "postal_code"));
		address.put("country_id", text(record, "country_code"));
		address.put("telephone", text(record, "phone"));
		address.set("region", region(text(record, "country_code"), text(record, "state_or_province")));
		return address;
	}

	/**
	 * The country's region of this name or code, as Magento keeps it (its id, code and
	 * name); a country without regions takes the text as it is.
	 */
	private ObjectNode region(String country, String state) {
		JsonNode regions = countries
			.computeIfAbsent(country.toUpperCase(Locale.ROOT),
					id -> channel.send(HttpMethod.GET, "/V1/directory/countries/{countryId}", Map.of("countryId", id),
							null))
			.path("available_regions");
		ObjectNode region = json.createObjectNode();
		if (regions.isEmpty()) {
			region.put("region_code", state);
			region.put("region", state);
			region.put("region_id", 0);
			return region;
		}
		for (JsonNode known : regions) {
			if (known.path("name").asString().equalsIgnoreCase(state)
					|| known.path("code").asString().equalsIgnoreCase(state)) {
				region.put("region_code", known.path("code").asString());
				region.put("region", known.path("name").asString());
				region.put("region_id", Integer.parseInt(known.path("id").asString()));
				return region;
			}
		}
		throw new StoreRejectedException("state '" + state + "' is no region of " + country + " in store "
				+ channel.storeName() + " (its regions: " + names(regions) + ")");
	}

	private static String names(JsonNode regions) {
		List<String> names = new ArrayList<>();
		regions.forEach(region -> names.add(region.path("name").asString()));
		return names.size() <= 10 ? String.valueOf(names)
				: names.subList(0, 10) + " and " + (names.size() - 10) + " more";
	}

	private boolean same(JsonNode address, OutgoingRecord record) {
		return address.path("street").path(0).asString().strip().equalsIgnoreCase(text(record, "address1").strip())
				&& address.path("postcode").asString().strip().equalsIgnoreCase(text(record, "postal_code").strip());
	}

	private ObjectNode customer(String customerId) {
		JsonNode customer = channel.send(HttpMethod.GET, MagentoCustomerWriter.PATH + "/{customerId}",
				Map.of("customerId", customerId), null);
		if (!(customer instanceof ObjectNode object)) {
			throw new StoreRejectedException(
					"GET /V1/customers/" + customerId + " on store " + channel.storeName() + " answered no customer");
		}
		return object;
	}

	private static ArrayNode addresses(ObjectNode customer) {
		return customer.path("addresses") instanceof ArrayNode addresses ? addresses : customer.putArray("addresses");
	}

	private JsonNode save(String customerId, ObjectNode customer) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("customer", customer);
		return channel.send(HttpMethod.PUT, MagentoCustomerWriter.PATH + "/{customerId}",
				Map.of("customerId", customerId), body);
	}

	private Object lockOf(String customerId) {
		return customerLocks.computeIfAbsent(customerId, id -> new Object());
	}

}
