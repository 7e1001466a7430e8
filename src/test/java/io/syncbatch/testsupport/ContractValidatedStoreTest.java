package io.syncbatch.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

class ContractValidatedStoreTest {

	private static final String VALID_BATCH = """
			[{"email":"ann@example.com","first_name":"Ann","last_name":"Lee","company":"ACME"},
			 {"email":"bob@example.com","first_name":"Bob","last_name":"Ray","phone":"555-0100"}]""";

	private final HttpClient http = HttpClient.newHttpClient();

	/**
	 * One fixture for the rejecting cases, so the 190 KB contract is parsed once for all
	 * of them.
	 */
	private static ContractValidatedStore shared;

	@BeforeAll
	static void startShared() {
		shared = ContractValidatedStore.start();
	}

	@AfterAll
	static void stopShared() {
		shared.close();
	}

	@Test
	void validBatchReachesTheSandboxThroughWireMockAndPassesValidation() throws Exception {
		shared.reset();

		HttpResponse<String> response = send(shared, "POST", "/v3/customers", VALID_BATCH);
		HttpResponse<String> lookup = send(shared, "GET",
				"/v3/customers?email%3Ain=ann%40example.com,bob%40example.com&id:in=1,2&page=1&limit=50", null);

		assertThat(shared.baseUri().toString())
			.isEqualTo(shared.wireMock().baseUrl() + "/stores/" + shared.storeHash());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"id\":1").contains("\"id\":2");
		assertThat(lookup.statusCode()).isEqualTo(200);
		assertThat(lookup.body()).contains("ann@example.com").contains("bob@example.com");
		assertThat(shared.customers()).extracting(c -> c.get("email"))
			.containsExactly("ann@example.com", "bob@example.com");
		assertThat(shared.wireMock().getAllServeEvents()).hasSize(2);
		shared.assertAllRequestsMatchContract();
	}

	@Test
	void sandboxAnswersFollowTheContract() throws Exception {
		shared.reset();

		send(shared, "POST", "/v3/customers", VALID_BATCH);
		send(shared, "POST", "/v3/customers", """
				[{"email":"ANN@example.com","first_name":"Ann","last_name":"Again"}]""");
		send(shared, "PUT", "/v3/customers", """
				[{"id":2,"company":"Initech","accepts_product_review_abandoned_cart_emails":true}]""");
		send(shared, "PUT", "/v3/customers", """
				[{"id":99,"first_name":"Ghost"}]""");
		send(shared, "GET", "/v3/customers?id:in=1,2&page=1&limit=1", null);
		send(shared, "POST", "/v3/customers/addresses", """
				[{"customer_id":1,"first_name":"Ann","last_name":"Lee","address1":"1 Main St","city":"Springfield",
				  "state_or_province":"Illinois","postal_code":"62701","country_code":"US"}]""");
		send(shared, "GET",
				"/v3/customers?date_modified:min=2020-01-01T00:00:00Z&date_modified:max=2100-01-01T00:00:00Z"
						+ "&sort=date_created:asc&include=addresses&page=1&limit=2",
				null);

		List<ServeEvent> events = shared.wireMock().getAllServeEvents();
		assertThat(events).extracting(event -> event.getResponse().getStatus())
			.containsExactlyInAnyOrder(200, 422, 200, 422, 200, 200, 200);
		for (ServeEvent event : events) {
			assertThat(shared.validateResponse(event).getMessages())
				.as("%s %s -> %s", event.getRequest().getMethod(), event.getRequest().getUrl(),
						event.getResponse().getBodyAsString())
				.isEmpty();
		}
		shared.assertAllRequestsMatchContract();
	}

	@Test
	void missingRequiredFieldIsReported() throws Exception {
		shared.reset();

		send(shared, "POST", "/v3/customers", """
				[{"email":"ann@example.com","first_name":"Ann"}]""");

		assertThatThrownBy(shared::assertAllRequestsMatchContract).isInstanceOf(AssertionError.class)
			.hasMessageContaining("1 of 1 requests")
			.hasMessageContaining("POST /stores/" + shared.storeHash() + "/v3/customers")
			.hasMessageContaining("last_name")
			.hasMessageContaining("\"first_name\":\"Ann\"");
	}

	@Test
	void tooLongFirstNameIsReported() throws Exception {
		shared.reset();

		send(shared, "POST", "/v3/customers", """
				[{"email":"ann@example.com","first_name":"%s","last_name":"Lee"}]""".formatted("x".repeat(101)));

		assertThatThrownBy(shared::assertAllRequestsMatchContract).hasMessageContaining("first_name")
			.hasMessageContaining("101")
			.hasMessageContaining("100");
	}

	@Test
	void queryParameterOfTheWrongTypeIsReported() throws Exception {
		shared.reset();

		send(shared, "GET", "/v3/customers?page=first", null);
		send(shared, "GET", "/v3/customers?id:in=1,two", null);

		assertThatThrownBy(shared::assertAllRequestsMatchContract).hasMessageContaining("2 of 2 requests")
			.hasMessageContaining("page")
			.hasMessageContaining("two");
	}

	@Test
	void wrongContentTypeAndUnknownPathAreReported() throws Exception {
		shared.reset();

		HttpRequest textBody = HttpRequest.newBuilder(URI.create(shared.baseUri() + "/v3/customers"))
			.header("X-Auth-Token", shared.accessToken())
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(VALID_BATCH))
			.build();
		http.send(textBody, HttpResponse.BodyHandlers.ofString());
		send(shared, "GET", "/customerz", null);

		assertThatThrownBy(shared::assertAllRequestsMatchContract).hasMessageContaining("2 of 2 requests")
			.hasMessageContaining("text/plain")
			.hasMessageContaining("/customerz");
	}

	@Test
	void missingCredentialsUnknownFilterAndBodyWithoutContentTypeAreReported() throws Exception {
		shared.reset();

		http.send(HttpRequest.newBuilder(URI.create(shared.baseUri() + "/v3/customers")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		send(shared, "GET", "/v3/customers?email=ann%40example.com", null);
		http.send(HttpRequest.newBuilder(URI.create(shared.baseUri() + "/v3/customers"))
			.header("X-Auth-Token", shared.accessToken())
			.POST(HttpRequest.BodyPublishers.ofString(VALID_BATCH))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThatThrownBy(shared::assertAllRequestsMatchContract).hasMessageContaining("3 of 3 requests")
			.hasMessageContaining("X-Auth-Token")
			.hasMessageContaining("Query parameter 'email' is unexpected")
			.hasMessageContaining("no Content-Type");
	}

	@Test
	void headerNamesAreMatchedCaseInsensitively() throws Exception {
		shared.reset();

		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(shared.baseUri() + "/v3/customers"))
			.header("x-auth-token", shared.accessToken())
			.header("content-type", "application/json; charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(VALID_BATCH))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		shared.assertAllRequestsMatchContract();
	}

	@Test
	void higherPriorityStubsInjectFaultsWhileOtherTrafficStillReachesTheSandbox() throws Exception {
		shared.reset();
		shared.wireMock()
			.stubFor(post(urlPathEqualTo(shared.baseUri().getPath() + "/v3/customers"))
				.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertThatThrownBy(() -> send(shared, "POST", "/v3/customers", VALID_BATCH)).isInstanceOf(IOException.class);
		HttpResponse<String> lookup = send(shared, "GET", "/v3/customers", null);

		assertThat(lookup.statusCode()).isEqualTo(200);
		assertThat(shared.customers()).isEmpty();

		shared.reset();
		assertThat(send(shared, "POST", "/v3/customers", VALID_BATCH).statusCode()).isEqualTo(200);
		assertThat(shared.customers()).hasSize(2);
	}

	@Test
	void missingContractFailsWithAClearMessage() {
		String override = System.getenv(PublishedContract.CONTRACTS_ENV);
		Path contracts = override != null && !override.isBlank() ? Path.of(override)
				: Path.of(System.getProperty("user.dir")).resolve("contracts");
		Path lookedAt = contracts.resolve("bigcommerce/no-such-contract.yml").toAbsolutePath().normalize();

		assertThatThrownBy(() -> ContractValidatedStore.start("bigcommerce/no-such-contract.yml"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("no-such-contract.yml")
			.hasMessageContaining("not found at " + lookedAt)
			.hasMessageContaining("repository's contracts/ folder");
	}

	private static final String CATEGORY = """
			{"name":"Kitchen","parent_id":0}""";

	private static final String PRODUCT = """
			{"name":"Coffee Mug","type":"physical","weight":4,"price":10.5,"sku":"MUG-1","categories":[1]}""";

	// The contract types a billing address's zip (and phone) as a number, so a
	// contract-valid order sends one.
	private static final String ORDER = """
			{"billing_address":{"first_name":"Jane","last_name":"Doe","street_1":"1 Main St","city":"Austin",
			  "zip":"78751","country_iso2":"US","email":"jane@example.com"},
			 "products":[{"product_id":1,"quantity":2},{"name":"Gift","quantity":1,"price_inc_tax":5,"price_ex_tax":4}]}""";

	@Test
	void catalogAndOrderRequestsAreValidatedAgainstTheContractThatDeclaresThem() throws Exception {
		shared.reset();

		assertThat(send(shared, "POST", "/v3/catalog/categories", CATEGORY).statusCode()).isEqualTo(200);
		assertThat(send(shared, "POST", "/v3/catalog/products", PRODUCT).statusCode()).isEqualTo(200);
		assertThat(send(shared, "GET", "/v3/catalog/products?sku=MUG-1&page=1&limit=10", null).statusCode())
			.isEqualTo(200);
		assertThat(send(shared, "POST", "/v2/orders", ORDER).statusCode()).isEqualTo(200);
		assertThat(send(shared, "GET", "/v2/orders/1/products", null).statusCode()).isEqualTo(200);
		assertThat(send(shared, "POST", "/v3/customers", VALID_BATCH).statusCode()).isEqualTo(200);

		List<ServeEvent> events = shared.wireMock().getAllServeEvents();
		assertThat(events)
			.extracting(event -> shared.owningContract(event.getRequest()).orElseThrow().getFileName().toString())
			.containsExactlyInAnyOrder("catalog.v3.yml", "catalog.v3.yml", "catalog.v3.yml", "orders.v2.oas2.yml",
					"orders.v2.oas2.yml", "customers.v3.yml");
		assertThat(shared.products()).extracting(p -> p.get("sku")).containsExactly("MUG-1");
		assertThat(shared.categories()).extracting(c -> c.get("name")).containsExactly("Kitchen");
		assertThat(shared.orders()).extracting(o -> o.get("items_total")).containsExactly(3);
		shared.assertAllRequestsMatchContract();
	}

	@Test
	void invalidCatalogAndOrderBodiesAreReportedAgainstTheirOwnContract() throws Exception {
		shared.reset();

		send(shared, "POST", "/v3/catalog/products", """
				{"name":"Coffee Mug","type":"physical","weight":"heavy","price":10.5}""");
		send(shared, "POST", "/v2/orders", """
				{"billing_address":{"zip":78751},"products":"two mugs"}""");

		assertThatThrownBy(shared::assertAllRequestsMatchContract).hasMessageContaining("2 of 2 requests")
			.satisfies(error -> {
				String[] violations = error.getMessage().split("\n#");
				assertThat(violations[1]).startsWith("1 POST /stores/" + shared.storeHash() + "/v3/catalog/products")
					.contains("contract: ")
					.contains("catalog.v3.yml")
					.doesNotContain("orders.v2.oas2.yml")
					.contains("/weight");
				assertThat(violations[2]).startsWith("2 POST /stores/" + shared.storeHash() + "/v2/orders")
					.contains("contract: ")
					.contains("orders.v2.oas2.yml")
					.doesNotContain("catalog.v3.yml")
					.contains("/products");
			});
	}

	/**
	 * How an import reads orders: changed since a time, oldest change first, a page at a
	 * time; the contract's sort enum alone would refuse the direction its own description
	 * asks for.
	 */
	@Test
	void ordersReadByModificationDateFollowTheContract() throws Exception {
		shared.reset();

		send(shared, "POST", "/v3/catalog/categories", CATEGORY);
		send(shared, "POST", "/v3/catalog/products", PRODUCT);
		send(shared, "POST", "/v2/orders", ORDER);
		HttpResponse<String> sinceIso = send(shared, "GET",
				"/v2/orders?min_date_modified=2017-04-20T11%3A32%3A00.000-04%3A00&sort=date_modified:asc&page=1&limit=50",
				null);
		HttpResponse<String> windowRfc = send(shared, "GET",
				"/v2/orders?min_date_modified=Thu%2C%2020%20Apr%202017%2011%3A32%3A00%20-0400"
						+ "&max_date_modified=2100-01-01T00%3A00%3A00Z&sort=date_modified%3Adesc&page=1&limit=50",
				null);

		assertThat(sinceIso.statusCode()).isEqualTo(200);
		assertThat(sinceIso.body()).contains("\"id\":1");
		assertThat(windowRfc.statusCode()).isEqualTo(200);
		assertThat(windowRfc.body()).contains("\"id\":1");
		shared.assertAllRequestsMatchContract();
	}

	@Test
	void aRequestNoContractDeclaresIsAViolation() throws Exception {
		shared.reset();

		send(shared, "GET", "/v2/foo", null);
		send(shared, "GET", "/v1/orders", null);

		assertThatThrownBy(shared::assertAllRequestsMatchContract).hasMessageContaining("2 of 2 requests")
			.hasMessageContaining("no published contract declares GET /stores/" + shared.storeHash() + "/v2/foo")
			.hasMessageContaining("no published contract declares GET /stores/" + shared.storeHash() + "/v1/orders")
			.hasMessageContaining("(checked: customers.v3.yml, catalog.v3.yml, orders.v2.oas2.yml, webhooks.v3.yml)");
	}

	@Test
	void sandboxCatalogAndOrderAnswersFollowTheContracts() throws Exception {
		shared.reset();

		send(shared, "POST", "/v3/catalog/categories", CATEGORY);
		send(shared, "PUT", "/v3/catalog/categories/1", """
				{"name":"Kitchen","parent_id":0,"description":"Pots and pans"}""");
		send(shared, "GET", "/v3/catalog/categories?parent_id=0", null);
		send(shared, "GET", "/v3/catalog/categories/1", null);
		send(shared, "POST", "/v3/catalog/products", PRODUCT);
		// The contract requires name, type, weight and price on every item of a batch
		// update.
		send(shared, "PUT", "/v3/catalog/products", """
				[{"id":1,"name":"Coffee Mug","type":"physical","weight":4,"price":12}]""");
		send(shared, "GET", "/v3/catalog/products/1", null);
		send(shared, "GET", "/v3/catalog/products?id:in=1", null);
		send(shared, "POST", "/v3/customers", VALID_BATCH);
		send(shared, "POST", "/v3/customers/addresses", """
				[{"customer_id":1,"first_name":"Ann","last_name":"Lee","address1":"1 Main St","city":"Austin",
				  "state_or_province":"Texas","postal_code":"78701","country_code":"US"}]""");
		send(shared, "POST", "/v2/orders", ORDER);
		send(shared, "GET", "/v2/orders/1/products", null);
		send(shared, "GET", "/v2/orders/1/shipping_addresses", null);

		List<ServeEvent> events = shared.wireMock().getAllServeEvents();
		assertThat(events).extracting(event -> event.getResponse().getStatus()).doesNotContain(400, 404, 409, 422);
		for (ServeEvent event : events) {
			if (event.getRequest().getUrl().endsWith("/v2/orders")) {
				continue; // checked below
			}
			assertThat(shared.validateResponse(event).getMessages())
				.as("%s %s -> %s", event.getRequest().getMethod(), event.getRequest().getUrl(),
						event.getResponse().getBodyAsString())
				.isEmpty();
		}
		shared.assertAllRequestsMatchContract();
	}

	/**
	 * The order object is the one answer the sandbox cannot make valid: the contract
	 * types a billing address's zip and phone as numbers, while its own examples and real
	 * stores answer strings (a number would drop a leading zero), and its OpenAPI
	 * 3.1-style {@code type: [string, 'null']} for external_id is read as "object". Those
	 * are the only disagreements allowed.
	 */
	@Test
	void theOrderAnswerDisagreesWithTheCorrectedContractOnlyOnTheBillingPhone() throws Exception {
		shared.reset();

		send(shared, "POST", "/v3/catalog/categories", CATEGORY);
		send(shared, "POST", "/v3/catalog/products", PRODUCT);
		send(shared, "POST", "/v2/orders", ORDER);
		send(shared, "GET", "/v2/orders/1", null);
		send(shared, "PUT", "/v2/orders/1", "{\"status_id\":11,\"staff_notes\":\"packed\"}");

		List<ServeEvent> orderAnswers = shared.wireMock()
			.getAllServeEvents()
			.stream()
			.filter(event -> event.getRequest().getUrl().contains("/v2/orders"))
			.toList();
		assertThat(orderAnswers).hasSize(3);
		for (ServeEvent event : orderAnswers) {
			assertThat(shared.validateResponse(event).getMessages())
				.as("%s %s", event.getRequest().getMethod(), event.getRequest().getUrl())
				.extracting(message -> message.getMessage().replaceAll("^\\[Path '([^']*)'].*", "$1"))
				// phone: typed number in the contract, a string in the store; not
				// corrected because we never send it
				.containsExactlyInAnyOrder("/billing_address/phone");
		}
		shared.assertAllRequestsMatchContract();
	}

	@Test
	void onlyTheKnownDefectsOfOrdersV2AreCorrectedAndTheyAreStillThere() {
		assertThat(shared.contractErrata()).contains("orders.v2.oas2.yml: billingAddress_Base.zip number -> string")
			.contains("orders.v2.oas2.yml: GET /orders sort enum + :asc/:desc")
			.anySatisfy(erratum -> assertThat(erratum).contains("external_id: type [string, null] -> string"))
			.allSatisfy(erratum -> assertThat(erratum).startsWith("orders.v2.oas2.yml: "));
	}

	@Test
	void contractWarningsNameTheirContract() {
		assertThat(shared.contractFiles()).extracting(path -> path.getFileName().toString())
			.containsExactly("customers.v3.yml", "catalog.v3.yml", "orders.v2.oas2.yml", "webhooks.v3.yml");
		assertThat(shared.contractWarnings()).isNotEmpty()
			.allMatch(warning -> warning.startsWith("orders.v2.oas2.yml: "))
			.anyMatch(warning -> warning.contains("requestBodies"));
	}

	@Test
	void aStoreOfChosenContractsRefusesPathsOnlyTheOthersDeclare() throws Exception {
		try (ContractValidatedStore customersOnly = ContractValidatedStore
			.start(ContractValidatedStore.CUSTOMERS_CONTRACT)) {
			assertThat(customersOnly.contractWarnings()).isEmpty();
			assertThat(customersOnly.baseUri().getPath()).isEqualTo("/stores/" + customersOnly.storeHash());
			send(customersOnly, "GET", "/v3/customers?page=1", null);
			customersOnly.assertAllRequestsMatchContract();

			send(customersOnly, "GET", "/v3/catalog/products?page=1&limit=10", null);
			assertThatThrownBy(customersOnly::assertAllRequestsMatchContract).hasMessageContaining("1 of 2 requests")
				.hasMessageContaining("no published contract declares GET /stores/" + customersOnly.storeHash()
						+ "/v3/catalog/products (checked: customers.v3.yml)");
		}
	}

	@Test
	void asPerTestExtensionItAssertsTheContractAndClosesAfterTheTest() throws Exception {
		ContractValidatedStore perTest = ContractValidatedStore.start();
		send(perTest, "POST", "/v3/customers", """
				[{"email":"ann@example.com","first_name":"Ann"}]""");

		// JUnit calls afterEach without beforeAll for a store held in an instance field.
		assertThatThrownBy(() -> perTest.afterEach(null)).hasMessageContaining("last_name");
		assertThat(perTest.wireMock().isRunning()).isFalse();
		assertThatThrownBy(() -> perTest.sandbox().baseUri()).isInstanceOf(IllegalStateException.class);
	}

	/**
	 * The fixture registered as a JUnit extension: it asserts the contract and resets
	 * after each test.
	 */
	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class AsRegisteredExtension {

		@RegisterExtension
		static final ContractValidatedStore STORE = ContractValidatedStore.start();

		@Test
		@Order(1)
		void firstTestCreatesCustomers() throws Exception {
			assertThat(send(STORE, "POST", "/v3/customers", VALID_BATCH).statusCode()).isEqualTo(200);
			assertThat(STORE.customers()).hasSize(2);
		}

		@Test
		@Order(2)
		void secondTestStartsFromAnEmptyStore() throws Exception {
			assertThat(STORE.customers()).isEmpty();
			assertThat(STORE.wireMock().getAllServeEvents()).isEmpty();
			assertThat(send(STORE, "POST", "/v3/customers", VALID_BATCH).statusCode()).isEqualTo(200);
		}

	}

	private HttpResponse<String> send(ContractValidatedStore store, String method, String pathAndQuery, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(store.baseUri() + pathAndQuery))
			.header("X-Auth-Token", store.accessToken())
			.header("Accept", "application/json");
		// The catalog and orders contracts require Content-Type on every request, GETs
		// included.
		request.header("Content-Type", "application/json");
		request.method(method,
				body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
