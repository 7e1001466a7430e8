package io.syncbatch.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.core.type.TypeReference;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link StoreFixture} of BigCommerce: a {@link ContractValidatedStore} (the stateful
 * sandbox behind WireMock, every request checked against the published OpenAPI
 * contracts), with resources, operations and faults translated into BigCommerce's paths,
 * methods, status codes and headers.
 */
public final class BigCommerceStoreFixture extends WireMockStoreFixture {

	private static final Map<Resource, Pattern> PATHS = Map.of(
			// The same pattern the scenarios' WireMock stubs used: only /v3/customers
			// itself ends so.
			Resource.CUSTOMERS, Pattern.compile(".*/customers"), Resource.ADDRESSES,
			Pattern.compile(".*/v3/customers/addresses(/.*)?"), Resource.PRODUCTS,
			Pattern.compile(".*/v3/catalog/products(/.*)?"), Resource.CATEGORIES,
			Pattern.compile(".*/v3/catalog/(trees/)?categories(/.*)?"), Resource.SHIPMENTS,
			Pattern.compile(".*/v2/orders/[^/]+/shipments(/.*)?"), Resource.ORDERS,
			Pattern.compile(".*/v2/orders(/[^/]+(/products|/shipping_addresses)?)?"), Resource.HOOKS,
			Pattern.compile(".*/v3/hooks(/.*)?"));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static volatile BigCommerceStoreFixture shared;

	private final ContractValidatedStore store;

	public BigCommerceStoreFixture(ContractValidatedStore store) {
		this.store = store;
	}

	/**
	 * One store for every scenario suite in this JVM, started on first use and stopped
	 * when the JVM exits. The suites' Spring contexts outlive their test classes in
	 * Spring's context cache, so the store they were pointed at must too; each test still
	 * starts from an empty store ({@link #afterEach}).
	 */
	public static synchronized BigCommerceStoreFixture shared() {
		if (shared == null) {
			ContractValidatedStore store = ContractValidatedStore.start();
			Runtime.getRuntime().addShutdownHook(new Thread(store::close, "bigcommerce-store-fixture-stop"));
			shared = new BigCommerceStoreFixture(store);
		}
		return shared;
	}

	/**
	 * The contract-checked WireMock store itself, for tests about BigCommerce's HTTP
	 * details.
	 */
	public ContractValidatedStore contractValidatedStore() {
		return this.store;
	}

	@Override
	public String platform() {
		return "bigcommerce";
	}

	@Override
	public void pointStoreAt(String storeName, DynamicPropertyRegistry registry) {
		String prefix = "syncbatch.stores." + storeName + ".";
		registry.add(prefix + "platform", this::platform);
		registry.add(prefix + "sandbox", () -> "false");
		registry.add(prefix + "api-url", () -> this.store.wireMock().baseUrl());
		registry.add(prefix + "store-hash", this.store::storeHash);
		registry.add(prefix + "access-token", this.store::accessToken);
		retryQuickly(storeName, registry);
	}

	@Override
	public List<Map<String, Object>> documents(Resource resource) {
		return switch (resource) {
			case CUSTOMERS -> this.store.customers();
			case ADDRESSES -> this.store.addresses();
			case PRODUCTS -> this.store.products();
			case CATEGORIES -> this.store.categories();
			case ORDERS -> this.store.orders();
			case SHIPMENTS -> this.store.shipments();
			case HOOKS -> this.store.hooks();
			case INVOICES -> throw new UnsupportedOperationException(
					"BigCommerce has no invoices: an ERP invoice is written into its order's staff notes");
		};
	}

	@Override
	public String createCustomer(String email, String firstName, String lastName) {
		String body = "[{\"email\":\"" + email + "\",\"first_name\":\"" + firstName + "\",\"last_name\":\"" + lastName
				+ "\"}]";
		send("POST", "/v3/customers", body);
		return this.store.customers()
			.stream()
			.filter(customer -> email.equals(customer.get("email")))
			.map(customer -> String.valueOf(customer.get("id")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the store accepted " + email + " but does not list it"));
	}

	@Override
	public String createCustomer(Map<String, Object> fields) {
		send("POST", "/v3/customers", JSON.writeValueAsString(List.of(fields)));
		Object email = fields.get("email");
		return this.store.customers()
			.stream()
			.filter(customer -> String.valueOf(email).equalsIgnoreCase(String.valueOf(customer.get("email"))))
			.map(customer -> String.valueOf(customer.get("id")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the store accepted " + email + " but does not list it"));
	}

	@Override
	public void editCustomer(String id, Map<String, Object> fields) {
		Map<String, Object> edit = new java.util.LinkedHashMap<>(fields);
		edit.put("id", Long.valueOf(id));
		send("PUT", "/v3/customers", JSON.writeValueAsString(List.of(edit)));
	}

	@Override
	public String placeOrder(@Nullable String customerId, List<Map<String, Object>> lines,
			Map<String, Object> billing) {
		Map<String, Object> order = new java.util.LinkedHashMap<>();
		order.put("customer_id", customerId == null ? 0 : Integer.parseInt(customerId));
		order.put("status_id", 11);
		order.put("billing_address", billing);
		order.put("products", lines.stream().map(line -> {
			Map<String, Object> product = new java.util.LinkedHashMap<>(line);
			product.putIfAbsent("price_inc_tax", line.get("price_ex_tax"));
			return product;
		}).toList());
		return String.valueOf(JSON.readTree(send("POST", "/v2/orders", JSON.writeValueAsString(order))).get("id"));
	}

	@Override
	public void editOrder(String id, Map<String, Object> fields) {
		send("PUT", "/v2/orders/" + id, JSON.writeValueAsString(fields));
	}

	@Override
	public void deleteCustomer(String id) {
		send("DELETE", "/v3/customers?id:in=" + id, null);
	}

	@Override
	public String addAddress(String customerId, Map<String, Object> fields) {
		Map<String, Object> address = new java.util.LinkedHashMap<>(fields);
		address.put("customer_id", Integer.parseInt(customerId));
		return String
			.valueOf(JSON.readTree(send("POST", "/v3/customers/addresses", JSON.writeValueAsString(List.of(address))))
				.path("data")
				.path(0)
				.path("id")
				.asInt());
	}

	@Override
	public void editAddress(String id, Map<String, Object> fields) {
		// The contract's PUT takes a whole address: the edit is made on the current one.
		Map<String, Object> edit = new java.util.LinkedHashMap<>(this.store.addresses()
			.stream()
			.filter(address -> id.equals(String.valueOf(address.get("id"))))
			.findFirst()
			.orElseThrow(() -> new AssertionError("the store has no address " + id)));
		edit.remove("address_type");
		edit.putAll(fields);
		send("PUT", "/v3/customers/addresses", JSON.writeValueAsString(List.of(edit)));
	}

	@Override
	public void deleteAddress(String id) {
		send("DELETE", "/v3/customers/addresses?id:in=" + id, null);
	}

	@Override
	public List<Map<String, Object>> orderLines(Object orderId) {
		return JsonMapper.builder()
			.build()
			.readValue(send("GET", "/v2/orders/" + orderId + "/products", null), new TypeReference<>() {
			});
	}

	/**
	 * A request to the store's API as any client sends it, contract-checked like the
	 * connector's; 200 (or 204 without a body) expected.
	 */
	private String send(String method, String path, String body) {
		return sendAsClient(method, URI.create(this.store.baseUri() + path), this.store.accessToken(), body);
	}

	@Override
	WireMockServer wireMock() {
		return this.store.wireMock();
	}

	@Override
	Map<Resource, Pattern> paths() {
		return PATHS;
	}

	@Override
	String sandboxOrigin() {
		return this.store.sandboxOrigin();
	}

	@Override
	ResponseDefinitionBuilder rateLimited(StoreFault.RateLimited limited) {
		return aResponse().withStatus(429)
			.withHeader("X-Rate-Limit-Time-Reset-Ms", String.valueOf(limited.resetIn().toMillis()))
			.withHeader("X-Rate-Limit-Requests-Left", "0")
			.withBody("{\"title\":\"Too many requests\"}");
	}

	@Override
	String credentialsHeader() {
		return "X-Auth-Token";
	}

	/**
	 * Checks every request against BigCommerce's published contracts, then empties the
	 * store for the next test.
	 */
	@Override
	public void afterEach(ExtensionContext context) {
		try {
			this.store.assertAllRequestsMatchContract();
		}
		finally {
			this.store.reset();
		}
	}

}
