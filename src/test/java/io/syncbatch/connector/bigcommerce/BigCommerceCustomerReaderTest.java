package io.syncbatch.connector.bigcommerce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.client.RestClient;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.MalformedAnswerException;
import io.syncbatch.connector.ResourceReader;
import io.syncbatch.connector.ResourceReader.Page;
import io.syncbatch.connector.ResourceReader.StoreDocument;
import io.syncbatch.connector.StoreConnection;
import io.syncbatch.connector.StoreHttp;
import io.syncbatch.connector.TransientStoreException;
import io.syncbatch.metrics.SyncMeters;
import io.syncbatch.secrets.Secrets;
import io.syncbatch.testsupport.ContractValidatedStore;
import io.syncbatch.testsupport.ProjectDefinitions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customers reader against the sandbox over real HTTP, every request it sends checked
 * against the published customers contract (after each test, by the store extension).
 */
class BigCommerceCustomerReaderTest {

	@RegisterExtension
	static final ContractValidatedStore STORE = ContractValidatedStore.start(ContractValidatedStore.CUSTOMERS_CONTRACT);

	private final HttpClient http = HttpClient.newHttpClient();

	private StoreConnection connection;

	private ResourceReader reader;

	@BeforeEach
	void connect() {
		Map<String, String> settings = Map.of("syncbatch.stores.main.platform", "bigcommerce",
				"syncbatch.stores.main.timeout", "5s", "syncbatch.stores.main.api-url", STORE.wireMock().baseUrl(),
				"syncbatch.stores.main.store-hash", STORE.storeHash(), "syncbatch.stores.main.access-token",
				STORE.accessToken());
		Binder binder = new Binder(new MapConfigurationPropertySource(settings));
		SyncbatchProperties properties = binder.bindOrCreate("syncbatch", SyncbatchProperties.class);
		JsonMapper json = JsonMapper.builder().build();
		MockEnvironment environment = new MockEnvironment();
		settings.forEach(environment::setProperty);
		StoreHttp storeHttp = new StoreHttp(RestClient.builder(), json, Clock.systemUTC(), properties,
				new SyncMeters(new SimpleMeterRegistry(), properties, ProjectDefinitions.shipped()),
				new Secrets(environment));
		connection = new BigCommercePlatform(storeHttp, json, new BigCommerceContracts()).connect("main",
				properties.stores().get("main"), binder);
		reader = connection.reader("customers");
	}

	@AfterEach
	void close() {
		connection.close();
	}

	@Test
	void onlyCustomersAreReadable() {
		assertThat(connection.reader("customers")).isInstanceOf(BigCommerceCustomerReader.class);
		assertThat(connection.reader("products")).isNull();
		assertThat(connection.reader("addresses")).isNull();
	}

	@Test
	void pagesThroughMoreCustomersThanAPageOldestChangeFirst() throws Exception {
		createCustomers(1, 25);
		// Customer i (1..5) is updated 6 - i times: each update moves its change time on,
		// so the order of change is not the order of creation.
		for (int i = 1; i <= 5; i++) {
			for (int times = 0; times < 6 - i; times++) {
				send("PUT", "/v3/customers", "[{\"id\":" + i + ",\"company\":\"update " + times + "\"}]");
			}
		}
		List<String> byChange = STORE.customers()
			.stream()
			.sorted(Comparator.comparing((Map<String, Object> c) -> Instant.parse((String) c.get("date_modified")))
				.thenComparingInt(c -> (Integer) c.get("id")))
			.map(c -> String.valueOf(c.get("id")))
			.toList();
		assertThat(byChange).as("the updates changed the order").isNotEqualTo(idsFrom(1, 25));

		List<Page> pages = readAll(null, 4);

		List<StoreDocument> documents = pages.stream().flatMap(page -> page.documents().stream()).toList();
		assertThat(pages).hasSizeGreaterThan(6).allSatisfy(page -> assertThat(page.documents()).hasSizeBetween(1, 4));
		assertThat(documents).extracting(StoreDocument::id).containsExactlyElementsOf(byChange);
		assertThat(documents).extracting(StoreDocument::changedAt).isSortedAccordingTo(Comparator.naturalOrder());
		assertThat(pages.get(pages.size() - 1).next()).isNull();
		StoreDocument first = documents.stream().filter(document -> document.id().equals("1")).findFirst().get();
		assertThat(first.fields().value("company")).isEqualTo("update 4");
		assertThat(first.fields().value("email")).isEqualTo("c1@example.com");
		assertThat(first.fields().value("id")).isEqualTo(1L);
		assertThat(first.changedAt()).isEqualTo(Instant.parse((String) storeCustomer(1).get("date_modified")));
	}

	@Test
	void sinceReturnsOnlyLaterChanges() throws Exception {
		createCustomers(1, 3);
		// The store keeps whole seconds and since's own second is read: start in the
		// next.
		Instant since = untilTheNextSecond();
		send("PUT", "/v3/customers", "[{\"id\":2,\"last_name\":\"Changed\"}]");
		createCustomers(4, 4);

		List<StoreDocument> documents = documents(readAll(since, 50));

		assertThat(documents).extracting(StoreDocument::id).containsExactly("2", "4");
		assertThat(documents).allSatisfy(document -> assertThat(document.changedAt()).isAfterOrEqualTo(since));
		assertThat(documents.get(0).fields().value("last_name")).isEqualTo("Changed");
	}

	@Test
	void anUpdatedCustomerShowsUpAgainWithALaterChangeTime() throws Exception {
		createCustomers(1, 5);
		Page first = reader.changed(null, null, 2);
		StoreDocument read = first.documents().get(0);
		assertThat(first.next()).isNotNull();

		// Changed while the read is under way: it leaves its place and is read again
		// further on in the same read.
		send("PUT", "/v3/customers", "[{\"id\":" + read.id() + ",\"first_name\":\"Again\"}]");
		List<StoreDocument> rest = documents(readAll(null, first.next(), 2));
		// And a later read since the last change time it saw finds it too.
		List<StoreDocument> later = documents(readAll(read.changedAt(), 50));

		StoreDocument again = rest.stream().filter(document -> document.id().equals(read.id())).findFirst().get();
		assertThat(again.changedAt()).isAfter(read.changedAt());
		assertThat(again.fields().value("first_name")).isEqualTo("Again");
		assertThat(read.fields().value("first_name")).isEqualTo("F1");
		assertThat(rest.get(rest.size() - 1).id()).isEqualTo(read.id());
		// Every customer is read, none skipped when the changed one left the pages of
		// their second (some may come twice: the second is read again from its start).
		List<String> all = new ArrayList<>(first.documents().stream().map(StoreDocument::id).toList());
		rest.forEach(document -> all.add(document.id()));
		assertThat(all).containsAll(idsFrom(1, 5));
		assertThat(later).extracting(StoreDocument::id).contains(read.id());
	}

	@Test
	void byIdsReturnsCurrentDocumentsInTheOrderAskedAndOmitsUnknownIds() throws Exception {
		createCustomers(1, 12);
		send("PUT", "/v3/customers", "[{\"id\":3,\"phone\":\"555-0103\"}]");

		Map<String, StoreDocument> some = reader.byIds(List.of("3", "999", "1"));
		STORE.wireMock().resetRequests();
		Map<String, StoreDocument> many = reader.byIds(IntStream.rangeClosed(1, 60).mapToObj(String::valueOf).toList());

		assertThat(some.keySet()).containsExactly("3", "1");
		assertThat(some.get("3").fields().value("phone")).isEqualTo("555-0103");
		assertThat(some.get("3").changedAt()).isEqualTo(Instant.parse((String) storeCustomer(3).get("date_modified")));
		assertThat(some.get("1").fields().value("email")).isEqualTo("c1@example.com");
		assertThat(many.keySet()).containsExactlyElementsOf(idsFrom(1, 12));
		// 60 ids do not fit one request of 50.
		STORE.wireMock().verify(2, getRequestedFor(urlPathEqualTo("/stores/" + STORE.storeHash() + "/v3/customers")));
		assertThatThrownBy(() -> reader.byIds(List.of("12", "abc"))).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("'abc'")
			.hasMessageContaining("store main");
	}

	@Test
	void aCustomersAddressesComeWithIt() throws Exception {
		send("POST", "/v3/customers", """
				[{"email":"ann@example.com","first_name":"Ann","last_name":"Lee","company":"ACME",
				  "addresses":[{"first_name":"Ann","last_name":"Lee","address1":"1 Main St","city":"Springfield",
				    "state_or_province":"Illinois","postal_code":"62701","country_code":"US"}]},
				 {"email":"bob@example.com","first_name":"Bob","last_name":"Ray"}]""");
		send("POST", "/v3/customers/addresses",
				"""
						[{"customer_id":1,"first_name":"Ann","last_name":"Lee","address1":"2 Dock Rd","city":"Portland",
						  "state_or_province":"Oregon","postal_code":"97201","country_code":"US","address_type":"commercial"}]""");

		Map<String, StoreDocument> read = reader.byIds(List.of("1", "2"));
		List<StoreDocument> changed = documents(readAll(null, 50));

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> addresses = (List<Map<String, Object>>) read.get("1").fields().value("addresses");
		assertThat(addresses)
			.extracting(address -> address.get("address1"), address -> address.get("city"),
					address -> address.get("address_type"))
			.containsExactly(org.assertj.core.groups.Tuple.tuple("1 Main St", "Springfield", "residential"),
					org.assertj.core.groups.Tuple.tuple("2 Dock Rd", "Portland", "commercial"));
		assertThat(addresses.get(0)).containsEntry("customer_id", 1).containsEntry("country_code", "US");
		assertThat(read.get("1").fields().value("address_count")).isEqualTo(2);
		assertThat(read.get("2").fields().value("addresses")).isEqualTo(List.of());
		assertThat(changed).filteredOn(document -> document.id().equals("1"))
			.singleElement()
			.satisfies(document -> assertThat((List<?>) document.fields().value("addresses")).hasSize(2));
	}

	@Test
	void aCustomerWithoutAnIdIsRefusedNamingTheStoreTheRequestAndTheField() {
		answerCustomers("""
				{"data":[{"id":7,"email":"a@example.com","date_modified":"2024-05-01T10:15:30Z"},
				         {"email":"b@example.com","date_modified":"2024-05-01T10:15:31Z"}],
				 "meta":{"pagination":{"total":2,"count":2,"per_page":50,"current_page":1,"total_pages":1}}}""");

		assertThatThrownBy(() -> reader.changed(null, null, 50)).isInstanceOf(MalformedAnswerException.class)
			.hasMessageContaining("GET /v3/customers?date_modified:min=")
			.hasMessageContaining("on store main")
			.hasMessageContaining("data[1].id: missing");
	}

	@Test
	void aChangeTimeThatIsNotADateIsRefusedNamingTheCustomerAndTheField() {
		answerCustomers("""
				{"data":[{"id":7,"email":"a@example.com","date_modified":"yesterday"}],
				 "meta":{"pagination":{"total":1,"count":1,"per_page":50,"current_page":1,"total_pages":1}}}""");

		assertThatThrownBy(() -> reader.byIds(List.of("7"))).isInstanceOf(MalformedAnswerException.class)
			.hasMessageContaining("GET /v3/customers?id:in=7")
			.hasMessageContaining("on store main")
			.hasMessageContaining("customer 7 (data[0]) with date_modified 'yesterday'");
	}

	@Test
	void anAnswerWithoutPaginationIsRefused() {
		answerCustomers("""
				{"data":[],"meta":{}}""");

		assertThatThrownBy(() -> reader.changed(null, null, 50)).isInstanceOf(MalformedAnswerException.class)
			.hasMessageContaining("on store main")
			.hasMessageContaining("meta.pagination.total");
	}

	@Test
	void aStoreThatCannotAnswerNowIsTransientAsForWrites() {
		STORE.wireMock()
			.stubFor(get(urlPathEqualTo("/stores/" + STORE.storeHash() + "/v3/customers"))
				.willReturn(aResponse().withStatus(503).withBody("{\"title\":\"Service Unavailable\"}")));

		assertThatThrownBy(() -> reader.changed(null, null, 50)).isInstanceOf(TransientStoreException.class)
			.hasMessageContaining("GET /v3/customers on store main answered 503");
	}

	private void answerCustomers(String body) {
		STORE.wireMock()
			.stubFor(get(urlPathEqualTo("/stores/" + STORE.storeHash() + "/v3/customers"))
				.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
	}

	private List<Page> readAll(Instant since, int pageSize) {
		return readAll(since, null, pageSize);
	}

	/** Every page from the cursor on, as an import would read them. */
	private List<Page> readAll(Instant since, String cursor, int pageSize) {
		List<Page> pages = new ArrayList<>();
		String next = cursor;
		do {
			Page page = reader.changed(since, next, pageSize);
			pages.add(page);
			next = page.next();
			assertThat(pages).as("pages read").hasSizeLessThan(100);
		}
		while (next != null);
		return pages;
	}

	private static List<StoreDocument> documents(List<Page> pages) {
		return pages.stream().flatMap(page -> page.documents().stream()).toList();
	}

	private static List<String> idsFrom(int first, int last) {
		return IntStream.rangeClosed(first, last).mapToObj(String::valueOf).toList();
	}

	private static Map<String, Object> storeCustomer(int id) {
		return STORE.customers().stream().filter(customer -> customer.get("id").equals(id)).findFirst().get();
	}

	/** Customers c{first}..c{last}@example.com, ten to a request as the store allows. */
	private void createCustomers(int first, int last) throws Exception {
		for (int from = first; from <= last; from += 10) {
			send("POST", "/v3/customers",
					IntStream.rangeClosed(from, Math.min(last, from + 9))
						.mapToObj(i -> "{\"email\":\"c%d@example.com\",\"first_name\":\"F%d\",\"last_name\":\"L\"}"
							.formatted(i, i))
						.collect(Collectors.joining(",", "[", "]")));
		}
	}

	private static Instant untilTheNextSecond() throws InterruptedException {
		Instant next = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
		Thread.sleep(Math.max(0, next.toEpochMilli() - System.currentTimeMillis() + 20));
		return next;
	}

	/** A request as another client of the store sends it, through the checked API. */
	private void send(String method, String path, String body) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(STORE.baseUri() + path))
			.header("X-Auth-Token", STORE.accessToken())
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
	}

}
