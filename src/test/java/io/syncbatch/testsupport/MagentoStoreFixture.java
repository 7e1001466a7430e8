package io.syncbatch.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.syncbatch.connector.magento.OAuthSigner;
import io.syncbatch.connector.magento.sandbox.MagentoSandbox;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link StoreFixture} of Magento: the local {@link MagentoSandbox} behind WireMock,
 * every request checked against Adobe's published admin schema (its errata applied) and
 * signed with an integration's OAuth 1.0a credentials, which the sandbox verifies. So far
 * it holds customers, categories and products; the other resources say so.
 */
public final class MagentoStoreFixture extends WireMockStoreFixture {

	public static final String CONTRACT = "magento/admin-schema-2.4.9.yaml";

	private static final OAuthSigner.Credentials CREDENTIALS = new OAuthSigner.Credentials("sandbox-consumer-key",
			"sandbox-consumer-secret", "sandbox-access-token", "sandbox-access-token-secret");

	private static final Map<Resource, Pattern> PATHS = Map.of(Resource.CUSTOMERS,
			Pattern.compile(".*/V1/customers(/.*)?"), Resource.CATEGORIES, Pattern.compile(".*/V1/categories(/.*)?"),
			Resource.PRODUCTS, Pattern.compile(".*/V1/products(/.*)?"), Resource.ORDERS,
			Pattern.compile(".*/V1/orders(/.*)?"), Resource.SHIPMENTS,
			Pattern.compile(".*/V1/(order/[0-9]+/ship|shipments)"), Resource.INVOICES,
			Pattern.compile(".*/V1/(order/[0-9]+/invoice|invoices)"));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static volatile @Nullable MagentoStoreFixture shared;

	private final MagentoSandbox sandbox = new MagentoSandbox(CREDENTIALS, 0, null, Clock.systemUTC());

	// The proxy keeps the Host header, so the sandbox checks each signature against the
	// address the engine signed: WireMock's.
	private final WireMockServer wireMock = new WireMockServer(options().bindAddress("127.0.0.1")
		.dynamicPort()
		.preserveHostHeader(true)
		.mappingSource(new NoMappingFiles()));

	private final ContractRequestValidator contract = new ContractRequestValidator(
			PublishedContract.locate(CONTRACT, ""));

	private @Nullable URI sandboxOrigin;

	private MagentoStoreFixture() {
	}

	/**
	 * One store for every suite in this JVM, started on first use and stopped when the
	 * JVM exits, as Spring's cached contexts outlive their test classes; each test starts
	 * from an empty store ({@link #afterEach}).
	 */
	public static synchronized MagentoStoreFixture shared() {
		MagentoStoreFixture fixture = shared;
		if (fixture == null) {
			fixture = new MagentoStoreFixture();
			fixture.sandboxOrigin = fixture.sandbox.start();
			fixture.wireMock.start();
			fixture.addProxyStub();
			MagentoStoreFixture started = fixture;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				started.wireMock.stop();
				started.sandbox.close();
			}, "magento-store-fixture-stop"));
			shared = fixture;
		}
		return fixture;
	}

	@Override
	public String platform() {
		return "magento";
	}

	@Override
	public void pointStoreAt(String storeName, DynamicPropertyRegistry registry) {
		String prefix = "syncbatch.stores." + storeName + ".";
		registry.add(prefix + "platform", this::platform);
		registry.add(prefix + "sandbox", () -> "false");
		registry.add(prefix + "api-url", this.wireMock::baseUrl);
		registry.add(prefix + "auth", () -> "oauth");
		registry.add(prefix + "consumer-key", CREDENTIALS::consumerKey);
		registry.add(prefix + "consumer-secret", CREDENTIALS::consumerSecret);
		registry.add(prefix + "access-token", CREDENTIALS::accessToken);
		registry.add(prefix + "access-token-secret", CREDENTIALS::accessTokenSecret);
		retryQuickly(storeName, registry);
	}

	@Override
	public List<Map<String, Object>> documents(Resource resource) {
		return switch (resource) {
			case CUSTOMERS -> this.sandbox.customers();
			case CATEGORIES -> this.sandbox.categories();
			case PRODUCTS -> this.sandbox.products();
			case ORDERS -> this.sandbox.orders();
			case SHIPMENTS -> this.sandbox.shipments();
			case INVOICES -> this.sandbox.invoices();
			default -> throw notYet(resource.name().toLowerCase(java.util.Locale.ROOT));
		};
	}

	/**
	 * A category made in the store's admin, under this parent (2 is the store's root);
	 * its id.
	 */
	public String createCategory(String name, int parentId) {
		return String.valueOf(JSON
			.readTree(send("POST", "/V1/categories",
					JSON.writeValueAsString(Map.of("category", Map.of("name", name, "parent_id", parentId)))))
			.path("id")
			.asLong());
	}

	@Override
	public String createCustomer(String email, String firstName, String lastName) {
		Map<String, Object> customer = new LinkedHashMap<>();
		customer.put("email", email);
		customer.put("firstname", firstName);
		customer.put("lastname", lastName);
		return createCustomer(customer);
	}

	/** A customer who signed up in the store, with Magento's own field names. */
	@Override
	public String createCustomer(Map<String, Object> fields) {
		return String
			.valueOf(JSON.readTree(send("POST", "/V1/customers", JSON.writeValueAsString(Map.of("customer", fields))))
				.path("id")
				.asLong());
	}

	@Override
	public void editCustomer(String id, Map<String, Object> fields) {
		Map<String, Object> customer = new LinkedHashMap<>(
				JSON.readValue(send("GET", "/V1/customers/" + id, null), Map.class));
		customer.putAll(fields);
		send("PUT", "/V1/customers/" + id, JSON.writeValueAsString(Map.of("customer", customer)));
	}

	@Override
	public void deleteCustomer(String id) {
		throw notYet("customer deletions");
	}

	@Override
	public String addAddress(String customerId, Map<String, Object> fields) {
		throw notYet("addresses");
	}

	@Override
	public void editAddress(String id, Map<String, Object> fields) {
		throw notYet("addresses");
	}

	@Override
	public void deleteAddress(String id) {
		throw notYet("addresses");
	}

	/**
	 * A shopper's checkout, placed as {@code POST /V1/orders}: lines by sku, name,
	 * quantity and price, billed to the address (first_name, last_name, street_1, city,
	 * state, zip, country_iso2, email, as the scenarios name them); a guest's when
	 * {@code customerId} is null.
	 */
	@Override
	public String placeOrder(@Nullable String customerId, List<Map<String, Object>> lines,
			Map<String, Object> billing) {
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("customer_email", billing.get("email"));
		if (customerId == null) {
			order.put("customer_is_guest", 1);
		}
		else {
			order.put("customer_id", Long.valueOf(customerId));
		}
		order.put("items", lines.stream()
			.map(line -> Map.of("sku", line.get("sku"), "name", line.get("name"), "qty_ordered", line.get("quantity"),
					"price",
					new java.math.BigDecimal(String.valueOf(line.getOrDefault("price", line.get("price_ex_tax"))))))
			.toList());
		Map<String, Object> address = new LinkedHashMap<>();
		address.put("firstname", billing.get("first_name"));
		address.put("lastname", billing.get("last_name"));
		address.put("email", billing.get("email"));
		address.put("street", List.of(billing.get("street_1")));
		address.put("city", billing.get("city"));
		address.put("region_code", billing.get("state"));
		address.put("postcode", billing.get("zip"));
		address.put("country_id", billing.get("country_iso2"));
		address.put("telephone", billing.getOrDefault("phone", "555-0100"));
		address.put("address_type", "billing");
		order.put("billing_address", address);
		java.math.BigDecimal total = lines.stream()
			.map(line -> new java.math.BigDecimal(String.valueOf(line.getOrDefault("price", line.get("price_ex_tax"))))
				.multiply(new java.math.BigDecimal(String.valueOf(line.get("quantity")))))
			.reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
		order.put("grand_total", total);
		order.put("base_grand_total", total);
		return String
			.valueOf(JSON.readTree(send("POST", "/V1/orders", JSON.writeValueAsString(Map.of("entity", order))))
				.path("entity_id")
				.asLong());
	}

	/**
	 * A store user ships this much of an order's item in Magento's admin, with this
	 * comment.
	 */
	public void shipInAdmin(String orderId, long itemId, int quantity, String comment) {
		send("POST", "/V1/order/" + orderId + "/ship",
				JSON.writeValueAsString(Map.of("items", List.of(Map.of("order_item_id", itemId, "qty", quantity)),
						"appendComment", true, "comment", Map.of("comment", comment, "is_visible_on_front", 0))));
	}

	/** A store user's comment on an order, with a new status (Magento's words). */
	@Override
	public void editOrder(String id, Map<String, Object> fields) {
		send("POST", "/V1/orders/" + id + "/comments",
				JSON.writeValueAsString(Map.of("statusHistory",
						Map.of("comment", "changed in the admin", "status", fields.get("status"),
								"is_customer_notified", 0, "is_visible_on_front", 0, "parent_id", Long.valueOf(id)))));
	}

	@Override
	@SuppressWarnings("unchecked")
	public List<Map<String, Object>> orderLines(Object orderId) {
		return (List<Map<String, Object>>) JSON.readValue(send("GET", "/V1/orders/" + orderId, null), Map.class)
			.get("items");
	}

	private static UnsupportedOperationException notYet(String what) {
		return new UnsupportedOperationException("the Magento sandbox has no " + what + " yet");
	}

	/**
	 * A request as any client of the store sends it, with the integration's token as a
	 * bearer token, through WireMock, so it is recorded and contract-checked like the
	 * engine's; 200 expected.
	 */
	private String send(String method, String path, @Nullable String body) {
		return sendAsClient(method, URI.create(this.wireMock.baseUrl() + "/rest/" + MagentoSandbox.STORE_CODE + path),
				"Bearer " + CREDENTIALS.accessToken(), body);
	}

	@Override
	WireMockServer wireMock() {
		return this.wireMock;
	}

	@Override
	Map<Resource, Pattern> paths() {
		return PATHS;
	}

	@Override
	String sandboxOrigin() {
		return String.valueOf(this.sandboxOrigin);
	}

	/** Magento's throttling answers 429 with the seconds to wait in Retry-After. */
	@Override
	ResponseDefinitionBuilder rateLimited(StoreFault.RateLimited limited) {
		return aResponse().withStatus(429)
			.withHeader("Retry-After", String.valueOf(Math.max(1, limited.resetIn().toSeconds())))
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"Too many requests\"}");
	}

	@Override
	String credentialsHeader() {
		return "Authorization";
	}

	/**
	 * Every request the store received, checked against the published admin schema.
	 * @throws AssertionError listing each request that violates it
	 */
	public void assertAllRequestsMatchContract() {
		List<ServeEvent> events = new ArrayList<>(this.wireMock.getAllServeEvents());
		Collections.reverse(events);
		List<String> violations = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			LoggedRequest request = events.get(i).getRequest();
			ValidationReport report = this.contract.validate(request);
			if (report.hasErrors()) {
				violations.add(ContractRequestValidator.describe(i + 1, request, this.contract.contract(), report));
			}
		}
		if (!violations.isEmpty()) {
			throw new AssertionError(violations.size() + " of " + events.size()
					+ " requests to the Magento store violate its published admin schema:\n"
					+ String.join("\n", violations));
		}
	}

	/** Checks every request against the published schema, then empties the store. */
	@Override
	public void afterEach(ExtensionContext context) {
		try {
			assertAllRequestsMatchContract();
		}
		finally {
			this.wireMock.resetAll();
			addProxyStub();
			this.sandbox.clear();
		}
	}

	private void addProxyStub() {
		this.wireMock.stubFor(any(anyUrl()).atPriority(ContractValidatedStore.PROXY_PRIORITY)
			.willReturn(aResponse().proxiedFrom(sandboxOrigin())));
	}

}
