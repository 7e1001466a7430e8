package io.syncbatch.connector.magento.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.magento.MagentoTime;
import io.syncbatch.connector.sandbox.Reply;
import io.syncbatch.connector.sandbox.Router;
import io.syncbatch.connector.sandbox.SandboxRequest;
import io.syncbatch.connector.sandbox.StoreData;
import io.syncbatch.connector.sandbox.Table;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Magento's customers: {@code POST /V1/customers} and {@code PUT /V1/customers/{id}} with
 * the customer wrapped as {@code {"customer": {…}}}, {@code GET /V1/customers/{id}} and
 * {@code GET /V1/customers/search}. As Magento, it refuses a customer without email,
 * first or last name, a second customer with the same email in the website, and a field a
 * customer does not have (which is how Magento answers a {@code first_name} or a
 * {@code phone}); an update without {@code addresses} keeps the customer's.
 */
final class CustomerBook {

	static final String TABLE = "customers";

	/** customer-data-customer-interface's properties in the published admin schema. */
	private static final Set<String> FIELDS = Set.of("id", "group_id", "default_billing", "default_shipping",
			"confirmation", "created_at", "updated_at", "created_in", "dob", "email", "firstname", "lastname",
			"middlename", "prefix", "suffix", "gender", "store_id", "taxvat", "website_id", "addresses",
			"disable_auto_group_change", "extension_attributes", "custom_attributes");

	private static final Set<String> REQUIRED = Set.of("email", "firstname", "lastname");

	/** customer-data-address-interface's properties in the published admin schema. */
	private static final Set<String> ADDRESS_FIELDS = Set.of("id", "customer_id", "region", "region_id", "country_id",
			"street", "company", "telephone", "fax", "postcode", "city", "firstname", "lastname", "middlename",
			"prefix", "suffix", "vat_id", "default_shipping", "default_billing", "extension_attributes",
			"custom_attributes");

	/** What Magento requires of an address by default (telephone included). */
	private static final List<String> ADDRESS_REQUIRED = List.of("firstname", "lastname", "street", "city",
			"country_id", "telephone");

	private static final Map<String, String> SEARCHABLE = Map.of("entity_id", "id", "email", "email", "updated_at",
			"updated_at", "created_at", "created_at", "firstname", "firstname", "lastname", "lastname");

	private final StoreData data;

	private final JsonMapper mapper;

	private final Clock clock;

	private final DirectoryBook directory;

	CustomerBook(StoreData data, JsonMapper mapper, Clock clock, DirectoryBook directory) {
		this.data = data;
		this.mapper = mapper;
		this.clock = clock;
		this.directory = directory;
	}

	void addRoutes(Router router) {
		router.add("POST", "/V1/customers", Set.of(), this::create)
			.add("PUT", "/V1/customers/{id}", Set.of(), this::update)
			.add("GET", "/V1/customers/{id}", Set.of(), this::get)
			.add("GET", "/V1/customers/search", SearchRequest.PARAMETERS, this::search);
	}

	List<Map<String, Object>> snapshot() {
		return data.snapshot(TABLE);
	}

	private Reply create(SandboxRequest request) {
		ObjectNode customer = customerOf(request.json());
		if (customer.has("id") && !customer.path("id").isNull()) {
			throw MagentoRefusal.of(400, "Invalid value of \"%value\" provided for the %fieldName field.",
					Map.of("fieldName", "id", "value", customer.path("id").asString()));
		}
		return Reply.ok(data.write(tables -> {
			Table customers = tables.get(TABLE);
			refuseTakenEmail(customers, customer.path("email").asString(), null);
			String now = now();
			ObjectNode row = mapper.createObjectNode();
			row.put("id", customers.allocateId());
			row.put("group_id", 1);
			row.put("created_at", now);
			row.put("updated_at", now);
			row.put("created_in", "Default Store View");
			row.put("store_id", 1);
			row.put("website_id", 1);
			row.putArray("addresses");
			row.put("disable_auto_group_change", 0);
			customer.properties().forEach(field -> row.set(field.getKey(), field.getValue()));
			addresses(row, customers);
			customers.put(row);
			return row.deepCopy();
		}));
	}

	private Reply update(SandboxRequest request) {
		int id = request.id(0);
		ObjectNode customer = customerOf(request.json());
		if (customer.has("id") && customer.path("id").asInt() != id) {
			throw MagentoRefusal.of(400, "The customer ID in the request doesn't match the %1 in the URL.",
					Map.of("1", String.valueOf(id)));
		}
		return Reply.ok(data.write(tables -> {
			Table customers = tables.get(TABLE);
			ObjectNode stored = customers.get(id);
			if (stored == null) {
				throw MagentoRefusal.noSuchEntity("customerId", id);
			}
			refuseTakenEmail(customers, customer.path("email").asString(), id);
			ObjectNode row = stored.deepCopy();
			customer.properties().forEach(field -> row.set(field.getKey(), field.getValue()));
			row.put("id", id);
			row.put("created_at", stored.path("created_at").asString());
			row.put("updated_at", now());
			addresses(row, customers);
			customers.put(row);
			return row.deepCopy();
		}));
	}

	/**
	 * A customer's addresses as Magento saves them: each with the fields an address has
	 * and those it requires, a region the country has, its customer, and an id (a new one
	 * the next of the store's).
	 */
	private void addresses(ObjectNode customer, Table customers) {
		if (!(customer.path("addresses") instanceof ArrayNode addresses)) {
			customer.putArray("addresses");
			return;
		}
		int next = 1;
		for (ObjectNode other : customers.rows()) {
			for (JsonNode address : other.path("addresses")) {
				next = Math.max(next, address.path("id").asInt() + 1);
			}
		}
		for (JsonNode each : addresses) {
			if (!(each instanceof ObjectNode address)) {
				throw MagentoRefusal.invalid("addresses", each);
			}
			MagentoRefusal.refuseUnknown(address, ADDRESS_FIELDS, "Magento\\Customer\\Api\\Data\\AddressInterface");
			for (String field : ADDRESS_REQUIRED) {
				JsonNode value = address.path(field);
				if (value.isMissingNode() || value.isNull()
						|| (value.isArray() ? value.isEmpty() : value.asString("").isBlank())) {
					throw MagentoRefusal.required(field);
				}
			}
			// Magento takes the region by its id beside the address or inside its region.
			int regionId = address.path("region_id").asInt(address.path("region").path("region_id").asInt(0));
			if (!directory.regions(address.path("country_id").asString()).isEmpty()
					&& !directory.regions(address.path("country_id").asString()).containsKey(regionId)) {
				throw MagentoRefusal.of(400, "Invalid value of \"%value\" provided for the %fieldName field.",
						Map.of("fieldName", "regionId", "value", String.valueOf(regionId)));
			}
			address.put("customer_id", customer.path("id").asInt());
			if (!address.path("id").canConvertToInt()) {
				address.put("id", next++);
			}
		}
	}

	private Reply get(SandboxRequest request) {
		int id = request.id(0);
		ObjectNode stored = data.read(tables -> tables.get(TABLE).get(id));
		if (stored == null) {
			throw MagentoRefusal.noSuchEntity("customerId", id);
		}
		return Reply.ok(stored.deepCopy());
	}

	private Reply search(SandboxRequest request) {
		SearchRequest search = new SearchRequest(request, SEARCHABLE);
		return Reply.ok(data.read(tables -> search.answer(tables.get(TABLE).rows(), mapper)));
	}

	/**
	 * The {@code customer} of a body, with every field Magento requires and none a
	 * customer does not have.
	 */
	private static ObjectNode customerOf(JsonNode body) {
		if (!(body.path("customer") instanceof ObjectNode customer)) {
			throw MagentoRefusal.required("customer");
		}
		MagentoRefusal.refuseUnknown(customer, FIELDS, "Magento\\Customer\\Api\\Data\\CustomerInterface");
		for (String field : REQUIRED) {
			if (customer.path(field).asString("").isBlank()) {
				throw MagentoRefusal.required(field);
			}
		}
		String email = customer.path("email").asString();
		if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
			throw MagentoRefusal.of(400, "\"%1\" is not a valid email address.", Map.of("1", email));
		}
		return customer;
	}

	private static void refuseTakenEmail(Table customers, String email, @Nullable Integer self) {
		for (ObjectNode other : customers.rows()) {
			if (other.path("email").asString().equalsIgnoreCase(email)
					&& (self == null || other.path("id").asInt() != self)) {
				throw MagentoRefusal.of(400,
						"A customer with the same email address already exists in an" + " associated website.",
						Map.of());
			}
		}
	}

	private String now() {
		return MagentoTime.format(clock.instant());
	}

}
