package io.syncbatch.connector.bigcommerce.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SandboxStoreTest {

	private static final String HASH = "abc123";

	private static final String TOKEN = "secret-token";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private SandboxStore store;

	private URI base;

	@BeforeEach
	void startStore() {
		store = new SandboxStore(HASH, TOKEN, 0, null);
		base = store.start();
	}

	@AfterEach
	void stopStore() {
		store.close();
	}

	@Test
	void baseUriIsLoopbackWithStoreHashPath() {
		assertThat(base.toString()).matches("http://127\\.0\\.0\\.1:\\d+/stores/abc123");
		assertThat(store.baseUri()).isEqualTo(base);
	}

	@Test
	void createsCustomersWithAscendingIdsAndDefaults() throws Exception {
		Reply reply = send("POST", "/v3/customers", """
				[{"email":"Ann@Example.com","first_name":"Ann","last_name":"Lee","company":"ACME"},
				 {"email":"bob@example.com","first_name":"Bob","last_name":"Ray","phone":"555"}]""");

		assertThat(reply.status()).isEqualTo(200);
		JsonNode data = reply.body().get("data");
		assertThat(data).hasSize(2);
		assertThat(data.get(0).get("id").intValue()).isEqualTo(1);
		assertThat(data.get(1).get("id").intValue()).isEqualTo(2);
		assertThat(data.get(0).get("email").stringValue()).isEqualTo("Ann@Example.com");
		assertThat(data.get(0).get("company").stringValue()).isEqualTo("ACME");
		assertThat(data.get(1).get("phone").stringValue()).isEqualTo("555");
		assertThat(data.get(0).get("customer_group_id").intValue()).isZero();
		assertThat(data.get(0).get("date_created").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
		assertThat(data.get(0).get("date_modified").stringValue())
			.isEqualTo(data.get(0).get("date_created").stringValue());
		assertThat(store.customers()).extracting(c -> c.get("email"))
			.containsExactly("Ann@Example.com", "bob@example.com");
	}

	@Test
	void duplicateEmailRejectsWholeBatchAndStoresNothing() throws Exception {
		send("POST", "/v3/customers", """
				[{"email":"ann@example.com","first_name":"Ann","last_name":"Lee"}]""");

		Reply againstStore = send("POST", "/v3/customers", """
				[{"email":"new@example.com","first_name":"New","last_name":"One"},
				 {"email":"ANN@example.com","first_name":"Ann","last_name":"Again"}]""");
		Reply withinBatch = send("POST", "/v3/customers", """
				[{"email":"twin@example.com","first_name":"A","last_name":"B"},
				 {"email":"Twin@Example.com","first_name":"C","last_name":"D"}]""");

		assertThat(againstStore.status()).isEqualTo(422);
		assertThat(againstStore.body().get("status").intValue()).isEqualTo(422);
		assertThat(againstStore.body().get("type").stringValue())
			.isEqualTo("https://developer.bigcommerce.com/api#api-status-codes");
		assertThat(againstStore.body().get("errors").get("1.email").stringValue()).contains("already in use");
		assertThat(withinBatch.status()).isEqualTo(422);
		assertThat(withinBatch.body().get("errors").has("1.email")).isTrue();
		assertThat(store.customers()).extracting(c -> c.get("email")).containsExactly("ann@example.com");
	}

	@Test
	void invalidFieldsAreReportedPerIndexAndNothingIsStored() throws Exception {
		Reply reply = send("POST", "/v3/customers", """
				[{"email":"ok@example.com","first_name":"Ok","last_name":"Fine"},
				 {"email":"x@example.com","first_name":"%s"},
				 {"first_name":"","last_name":"L"}]""".formatted("n".repeat(101)));

		assertThat(reply.status()).isEqualTo(422);
		assertThat(reply.body().get("title").stringValue()).isEqualTo("Create customers failed.");
		JsonNode errors = reply.body().get("errors");
		assertThat(errors.propertyNames()).containsExactlyInAnyOrder("1.first_name", "1.last_name", "2.email",
				"2.first_name");
		assertThat(store.customers()).isEmpty();
	}

	@Test
	void batchOfMoreThanTenIsRejected() throws Exception {
		String eleven = IntStream.range(0, 11)
			.mapToObj(i -> "{\"email\":\"c%d@example.com\",\"first_name\":\"F\",\"last_name\":\"L\"}".formatted(i))
			.collect(Collectors.joining(",", "[", "]"));

		Reply reply = send("POST", "/v3/customers", eleven);

		assertThat(reply.status()).isEqualTo(422);
		assertThat(reply.body().get("title").stringValue()).contains("at most 10");
		assertThat(store.customers()).isEmpty();
	}

	@Test
	void putUpdatesFieldsAndRejectsUnknownIdOrTakenEmail() throws Exception {
		send("POST", "/v3/customers", """
				[{"email":"ann@example.com","first_name":"Ann","last_name":"Lee"},
				 {"email":"bob@example.com","first_name":"Bob","last_name":"Ray"}]""");

		Reply updated = send("PUT", "/v3/customers", """
				[{"id":1,"first_name":"Anne","company":"Initech"}]""");
		Reply unknownId = send("PUT", "/v3/customers", """
				[{"id":1,"last_name":"Changed"},{"id":99,"first_name":"Ghost"}]""");
		Reply takenEmail = send("PUT", "/v3/customers", """
				[{"id":2,"email":"ANN@example.com"}]""");
		Reply swapped = send("PUT", "/v3/customers", """
				[{"id":1,"email":"bob@example.com"},{"id":2,"email":"ann@example.com"}]""");

		assertThat(updated.status()).isEqualTo(200);
		assertThat(updated.body().get("data").get(0).get("first_name").stringValue()).isEqualTo("Anne");
		assertThat(updated.body().get("data").get(0).get("last_name").stringValue()).isEqualTo("Lee");
		assertThat(unknownId.status()).isEqualTo(422);
		assertThat(unknownId.body().get("errors").get("1.id").stringValue()).contains("99");
		assertThat(takenEmail.status()).isEqualTo(422);
		assertThat(takenEmail.body().get("errors").has("0.email")).isTrue();
		assertThat(swapped.status()).isEqualTo(200);
		assertThat(store.customers())
			.extracting(c -> c.get("id"), c -> c.get("first_name"), c -> c.get("last_name"), c -> c.get("email"),
					c -> c.get("company"))
			.containsExactly(tuple(1, "Anne", "Lee", "bob@example.com", "Initech"),
					tuple(2, "Bob", "Ray", "ann@example.com", ""));
	}

	@Test
	void getFiltersByEmailCaseInsensitivelyAndById() throws Exception {
		send("POST", "/v3/customers", """
				[{"email":"ann@example.com","first_name":"Ann","last_name":"Lee"},
				 {"email":"bob@example.com","first_name":"Bob","last_name":"Ray"},
				 {"email":"cat@example.com","first_name":"Cat","last_name":"Day"}]""");

		Reply byEmail = send("GET", "/v3/customers?email:in=" + encode("BOB@example.com,cat@EXAMPLE.com"), null);
		Reply byId = send("GET", "/v3/customers?id%3Ain=1,3", null);
		Reply none = send("GET", "/v3/customers?email:in=" + encode("nobody@example.com"), null);

		assertThat(byEmail.status()).isEqualTo(200);
		assertThat(byEmail.body().get("data").findValuesAsString("email")).containsExactly("bob@example.com",
				"cat@example.com");
		assertThat(byEmail.body().at("/meta/pagination/total").intValue()).isEqualTo(2);
		assertThat(byId.body().get("data").findValuesAsString("first_name")).containsExactly("Ann", "Cat");
		assertThat(none.body().get("data")).isEmpty();
	}

	@Test
	void getPaginatesWithDefaultsAndCapsLimit() throws Exception {
		for (int batch = 0; batch < 3; batch++) {
			int first = batch * 10;
			send("POST", "/v3/customers", IntStream.range(first, first + 10)
				.mapToObj(i -> "{\"email\":\"c%d@example.com\",\"first_name\":\"F\",\"last_name\":\"L\"}".formatted(i))
				.collect(Collectors.joining(",", "[", "]")));
		}

		Reply page2 = send("GET", "/v3/customers?page=2&limit=12", null);
		Reply defaults = send("GET", "/v3/customers", null);
		Reply capped = send("GET", "/v3/customers?limit=1000", null);
		Reply unsupported = send("GET", "/v3/customers?name:like=x", null);

		JsonNode pagination = page2.body().at("/meta/pagination");
		assertThat(page2.body().get("data").findValues("id")).extracting(JsonNode::intValue)
			.containsExactly(13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24);
		assertThat(pagination.get("total").intValue()).isEqualTo(30);
		assertThat(pagination.get("count").intValue()).isEqualTo(12);
		assertThat(pagination.get("per_page").intValue()).isEqualTo(12);
		assertThat(pagination.get("current_page").intValue()).isEqualTo(2);
		assertThat(pagination.get("total_pages").intValue()).isEqualTo(3);
		assertThat(defaults.body().at("/meta/pagination/per_page").intValue()).isEqualTo(50);
		assertThat(capped.body().at("/meta/pagination/per_page").intValue()).isEqualTo(250);
		assertThat(unsupported.status()).isEqualTo(400);
	}

	@Test
	void getFiltersByModificationDateSortsAndIncludesAddresses() throws Exception {
		send("POST", "/v3/customers", """
				[{"email":"ann@example.com","first_name":"Ann","last_name":"Lee",
				  "addresses":[{"first_name":"Ann","last_name":"Lee","address1":"1 Main St","city":"Springfield",
				    "state_or_province":"Illinois","postal_code":"62701","country_code":"US"}]},
				 {"email":"bob@example.com","first_name":"Bob","last_name":"Abel"},
				 {"email":"cat@example.com","first_name":"Cat","last_name":"Zed"}]""");
		String created = store.customers().get(0).get("date_modified").toString();
		// Two updates in one second still move date_modified on, a second each.
		send("PUT", "/v3/customers", """
				[{"id":2,"company":"One"}]""");
		send("PUT", "/v3/customers", """
				[{"id":2,"company":"Two"}]""");
		String bobChanged = store.customers().get(1).get("date_modified").toString();

		Reply since = send("GET", "/v3/customers?date_modified:min=" + encode(bobChanged), null);
		Reply until = send("GET", "/v3/customers?date_modified:max=" + encode(created) + "&sort=last_name:desc", null);
		Reply byDay = send("GET", "/v3/customers?date_modified:min=" + created.substring(0, 10)
				+ "&sort=date_created:asc&include=addresses&page=1&limit=2", null);
		Reply badDate = send("GET", "/v3/customers?date_modified:min=yesterday", null);
		Reply badSort = send("GET", "/v3/customers?sort=date_modified:asc", null);
		Reply otherInclude = send("GET", "/v3/customers?include=storecredit", null);

		assertThat(java.time.Instant.parse(bobChanged))
			.isAfterOrEqualTo(java.time.Instant.parse(created).plusSeconds(2));
		assertThat(since.body().get("data").findValuesAsString("email")).containsExactly("bob@example.com");
		assertThat(until.body().get("data").findValuesAsString("last_name")).containsExactly("Zed", "Lee");
		assertThat(byDay.body().get("data")).hasSize(2);
		assertThat(byDay.body().at("/meta/pagination/total").intValue()).isEqualTo(3);
		assertThat(byDay.body().at("/data/0/addresses/0/address1").stringValue()).isEqualTo("1 Main St");
		assertThat(byDay.body().at("/data/1/addresses").isArray()).isTrue();
		assertThat(byDay.body().at("/data/1/addresses")).isEmpty();
		assertThat(until.body().at("/data/0").has("addresses")).isFalse();
		assertThat(badDate.status()).isEqualTo(400);
		assertThat(badSort.status()).isEqualTo(400);
		assertThat(otherInclude.status()).isEqualTo(400);
	}

	@Test
	void rejectsRequestsWithoutTheRightToken() throws Exception {
		HttpResponse<String> missing = http.send(
				HttpRequest.newBuilder(URI.create(base + "/v3/customers")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/customers"))
			.header("X-Auth-Token", "nope")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("[{\"email\":\"a@example.com\",\"first_name\":\"A\",\"last_name\":\"B\"}]"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(json.readTree(missing.body()).get("status").intValue()).isEqualTo(401);
		assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(store.customers()).isEmpty();
	}

	@Test
	void persistsAcrossRestartsThroughTheDataFile(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("nested").resolve("store.json");
		try (SandboxStore first = new SandboxStore(HASH, TOKEN, 0, file)) {
			URI firstBase = first.start();
			assertThat(send(firstBase, "POST", "/v3/customers", """
					[{"email":"ann@example.com","first_name":"Ann","last_name":"Lee"}]""").status()).isEqualTo(200);
			first.stop();
			URI restarted = first.start();
			assertThat(send(restarted, "PUT", "/v3/customers", """
					[{"id":1,"last_name":"Smith"}]""").status()).isEqualTo(200);
		}
		assertThat(file).exists();
		try (Stream<Path> leftovers = Files.list(file.getParent())) {
			assertThat(leftovers).containsExactly(file);
		}

		try (SandboxStore second = new SandboxStore(HASH, TOKEN, 0, file)) {
			URI secondBase = second.start();
			assertThat(second.customers()).extracting(c -> c.get("last_name")).containsExactly("Smith");
			Reply created = send(secondBase, "POST", "/v3/customers", """
					[{"email":"bob@example.com","first_name":"Bob","last_name":"Ray"}]""");
			assertThat(created.body().at("/data/0/id").intValue()).isEqualTo(2);
			Reply duplicate = send(secondBase, "POST", "/v3/customers", """
					[{"email":"ANN@example.com","first_name":"Ann","last_name":"Lee"}]""");
			assertThat(duplicate.status()).isEqualTo(422);
		}
	}

	@Test
	void concurrentBatchesNeverProduceDuplicateIdsOrEmails() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Reply>> replies = IntStream.range(0, 40)
				.mapToObj(i -> pool.submit(() -> send("POST", "/v3/customers",
						"[{\"email\":\"c%d@example.com\",\"first_name\":\"F\",\"last_name\":\"L\"}]"
							.formatted(i % 20))))
				.toList();
			int created = 0;
			for (Future<Reply> reply : replies) {
				if (reply.get().status() == 200) {
					created++;
				}
			}
			assertThat(created).isEqualTo(20);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(store.customers()).extracting(c -> c.get("id"))
			.containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
	}

	@Test
	void answersInTheV2ShapeBelowV2() throws Exception {
		HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/orders")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		Reply unknownRoute = send("GET", "/v2/orderz", null);
		Reply unknownV3Route = send("GET", "/v3/orderz", null);
		HttpResponse<String> textBody = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/orders"))
			.header("X-Auth-Token", TOKEN)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> wrongMethod = http.send(
				HttpRequest.newBuilder(URI.create(base + "/v2/orders")).header("X-Auth-Token", TOKEN).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(noToken.statusCode()).isEqualTo(401);
		assertThat(new Reply(401, json.readTree(noToken.body())).v2Message()).contains("credentials");
		assertThat(unknownRoute.status()).isEqualTo(404);
		assertThat(unknownRoute.v2Message()).contains("/stores/abc123/v2/orderz");
		assertThat(unknownV3Route.status()).isEqualTo(404);
		assertThat(unknownV3Route.body().get("title").stringValue()).contains("/stores/abc123/v3/orderz");
		assertThat(textBody.statusCode()).isEqualTo(415);
		assertThat(new Reply(415, json.readTree(textBody.body())).v2Message()).contains("text/plain");
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET, POST");
		assertThat(new Reply(405, json.readTree(wrongMethod.body())).v2Message()).contains("DELETE");
	}

	private static final String ANN = """
			{"email":"ann@example.com","first_name":"Ann","last_name":"Lee"}""";

	private static final String BOB = """
			{"email":"bob@example.com","first_name":"Bob","last_name":"Ray"}""";

	private static String address(int customerId, String city) {
		return """
				{"customer_id":%d,"first_name":"Ann","last_name":"Lee","address1":"1 Main St","city":"%s",
				 "state_or_province":"Texas","postal_code":"78701","country_code":"US"}""".formatted(customerId, city);
	}

	@Nested
	class Addresses {

		@Test
		void createsReadsAndUpdatesAddressesOfExistingCustomers() throws Exception {
			send("POST", "/v3/customers", "[" + ANN + "," + BOB + "]");

			Reply created = send("POST", "/v3/customers/addresses",
					"[" + address(1, "Austin") + "," + address(2, "Dallas") + "]");
			Reply ofAnn = send("GET", "/v3/customers/addresses?customer_id:in=1", null);
			Reply byId = send("GET", "/v3/customers/addresses?id:in=2&page=1&limit=5", null);
			Reply updated = send("PUT", "/v3/customers/addresses", """
					[{"id":1,"city":"Boston","address_type":"commercial"}]""");

			assertThat(created.status()).isEqualTo(200);
			assertThat(created.body().get("data").findValues("id")).extracting(JsonNode::intValue)
				.containsExactly(1, 2);
			JsonNode first = created.body().at("/data/0");
			assertThat(first.get("customer_id").intValue()).isEqualTo(1);
			assertThat(first.get("postal_code").stringValue()).isEqualTo("78701");
			assertThat(first.get("address_type").stringValue()).isEqualTo("residential");
			assertThat(first.get("company").stringValue()).isEmpty();
			assertThat(ofAnn.body().get("data").findValuesAsString("city")).containsExactly("Austin");
			assertThat(byId.body().get("data").findValuesAsString("city")).containsExactly("Dallas");
			assertThat(byId.body().at("/meta/pagination/per_page").intValue()).isEqualTo(5);
			assertThat(updated.status()).isEqualTo(200);
			assertThat(updated.body().at("/data/0/city").stringValue()).isEqualTo("Boston");
			assertThat(updated.body().at("/data/0/address1").stringValue()).isEqualTo("1 Main St");
			assertThat(store.addresses()).extracting(a -> a.get("id"), a -> a.get("city"), a -> a.get("address_type"))
				.containsExactly(tuple(1, "Boston", "commercial"), tuple(2, "Dallas", "residential"));
			assertThat(store.customers()).extracting(c -> c.get("address_count")).containsExactly(1, 1);
		}

		@Test
		void aCustomerCreatedWithAddressesOwnsThem() throws Exception {
			Reply created = send("POST", "/v3/customers", """
					[{"email":"ann@example.com","first_name":"Ann","last_name":"Lee","addresses":[%s]}]"""
				.formatted(address(0, "Austin").replace("\"customer_id\":0,", "")));

			assertThat(created.status()).isEqualTo(200);
			assertThat(created.body().at("/data/0/address_count").intValue()).isEqualTo(1);
			assertThat(store.addresses()).extracting(a -> a.get("customer_id"), a -> a.get("city"))
				.containsExactly(tuple(1, "Austin"));
		}

		@Test
		void oneInvalidAddressRejectsTheWholeBatch() throws Exception {
			send("POST", "/v3/customers", "[" + ANN + "]");

			Reply invalid = send("POST", "/v3/customers/addresses", "[" + address(1, "Austin") + ","
					+ address(99, "Nowhere").replace("\"city\":\"Nowhere\",", "") + "]");
			Reply tooMany = send("POST", "/v3/customers/addresses",
					IntStream.range(0, 11)
						.mapToObj(i -> address(1, "City" + i))
						.collect(Collectors.joining(",", "[", "]")));
			send("POST", "/v3/customers/addresses", "[" + address(1, "Austin") + "]");
			Reply unknownId = send("PUT", "/v3/customers/addresses", """
					[{"id":1,"city":"Boston"},{"id":7,"city":"Ghost"}]""");
			Reply unknownCustomer = send("PUT", "/v3/customers/addresses", """
					[{"id":1,"customer_id":42}]""");

			assertThat(invalid.status()).isEqualTo(422);
			assertThat(invalid.body().get("errors").propertyNames()).containsExactlyInAnyOrder("1.city",
					"1.customer_id");
			assertThat(invalid.body().at("/errors/1.customer_id").stringValue()).contains("99");
			assertThat(tooMany.status()).isEqualTo(422);
			assertThat(tooMany.body().get("title").stringValue()).contains("at most 10");
			assertThat(unknownId.status()).isEqualTo(422);
			assertThat(unknownId.body().at("/errors/1.id").stringValue()).contains("7");
			assertThat(unknownCustomer.status()).isEqualTo(422);
			assertThat(unknownCustomer.body().at("/errors/0.customer_id").stringValue()).contains("42");
			assertThat(store.addresses()).extracting(a -> a.get("city")).containsExactly("Austin");
		}

		@Test
		void refusesFiltersItDoesNotImplement() throws Exception {
			Reply reply = send("GET", "/v3/customers/addresses?company:in=ACME", null);

			assertThat(reply.status()).isEqualTo(400);
			assertThat(reply.body().get("title").stringValue()).contains("company:in");
		}

	}

	@Nested
	class Categories {

		@Test
		void createsReadsAndUpdatesCategories() throws Exception {
			Reply bath = send("POST", "/v3/catalog/categories", """
					{"name":"Bath","parent_id":0,"description":"All for the bath","sort_order":3}""");
			Reply towels = send("POST", "/v3/catalog/categories", """
					{"name":"Towels","parent_id":1,"is_visible":false}""");
			Reply one = send("GET", "/v3/catalog/categories/2", null);
			Reply children = send("GET", "/v3/catalog/categories?parent_id=1", null);
			Reply byName = send("GET", "/v3/catalog/categories?name=Bath", null);
			Reply updated = send("PUT", "/v3/catalog/categories/2", """
					{"description":"Soft ones","parent_id":0}""");

			assertThat(bath.status()).isEqualTo(200);
			assertThat(bath.body().get("meta").isEmpty()).isTrue();
			assertThat(bath.body().at("/data/id").intValue()).isEqualTo(1);
			assertThat(bath.body().at("/data/sort_order").intValue()).isEqualTo(3);
			assertThat(bath.body().at("/data/is_visible").booleanValue()).isTrue();
			assertThat(bath.body().at("/data/custom_url/url").stringValue()).isEqualTo("/bath/");
			assertThat(towels.body().at("/data/parent_id").intValue()).isEqualTo(1);
			assertThat(one.body().at("/data/name").stringValue()).isEqualTo("Towels");
			assertThat(one.body().at("/data/is_visible").booleanValue()).isFalse();
			assertThat(children.body().get("data").findValuesAsString("name")).containsExactly("Towels");
			assertThat(byName.body().get("data").findValuesAsString("name")).containsExactly("Bath");
			assertThat(updated.status()).isEqualTo(200);
			assertThat(updated.body().at("/data/description").stringValue()).isEqualTo("Soft ones");
			assertThat(updated.body().at("/data/name").stringValue()).isEqualTo("Towels");
			assertThat(store.categories()).extracting(c -> c.get("name"), c -> c.get("parent_id"))
				.containsExactly(tuple("Bath", 0), tuple("Towels", 0));
		}

		@Test
		void refusesMissingFieldsUnknownParentsDuplicatesAndCycles() throws Exception {
			send("POST", "/v3/catalog/categories", "{\"name\":\"Bath\",\"parent_id\":0}");
			send("POST", "/v3/catalog/categories", "{\"name\":\"Towels\",\"parent_id\":1}");
			send("POST", "/v3/catalog/categories", "{\"name\":\"Kitchen\",\"parent_id\":0}");

			Reply missing = send("POST", "/v3/catalog/categories", "{\"description\":\"no name\"}");
			Reply unknownParent = send("POST", "/v3/catalog/categories", "{\"name\":\"Soap\",\"parent_id\":99}");
			Reply duplicate = send("POST", "/v3/catalog/categories", "{\"name\":\"bath\",\"parent_id\":0}");
			Reply sameNameElsewhere = send("POST", "/v3/catalog/categories", "{\"name\":\"Towels\",\"parent_id\":3}");
			Reply unknownId = send("PUT", "/v3/catalog/categories/99", "{\"name\":\"Ghost\"}");
			Reply belowItsChild = send("PUT", "/v3/catalog/categories/1", "{\"parent_id\":2}");
			Reply belowItself = send("PUT", "/v3/catalog/categories/1", "{\"parent_id\":1}");
			Reply renamedIntoDuplicate = send("PUT", "/v3/catalog/categories/3", "{\"name\":\"BATH\"}");
			Reply unknownGet = send("GET", "/v3/catalog/categories/42", null);

			assertThat(missing.status()).isEqualTo(422);
			assertThat(missing.body().get("errors").propertyNames()).containsExactlyInAnyOrder("name", "parent_id");
			assertThat(unknownParent.status()).isEqualTo(422);
			assertThat(unknownParent.body().at("/errors/parent_id").stringValue()).contains("99");
			assertThat(duplicate.status()).isEqualTo(409);
			assertThat(duplicate.body().at("/errors/name").stringValue()).contains("Bath");
			assertThat(sameNameElsewhere.status()).isEqualTo(200);
			assertThat(unknownId.status()).isEqualTo(404);
			assertThat(unknownId.body().get("title").stringValue()).contains("99");
			assertThat(belowItsChild.status()).isEqualTo(422);
			assertThat(belowItsChild.body().at("/errors/parent_id").stringValue()).contains("descendants");
			assertThat(belowItself.status()).isEqualTo(422);
			assertThat(renamedIntoDuplicate.status()).isEqualTo(409);
			assertThat(unknownGet.status()).isEqualTo(404);
			assertThat(store.categories()).extracting(c -> c.get("name"), c -> c.get("parent_id"))
				.containsExactly(tuple("Bath", 0), tuple("Towels", 1), tuple("Kitchen", 0), tuple("Towels", 3));
		}

	}

	private static final String MUG = """
			{"name":"Coffee Mug","type":"physical","weight":4,"price":10.5,"sku":"MUG-1","categories":[1]}""";

	@Nested
	class Products {

		@Test
		void createsReadsAndUpdatesProducts() throws Exception {
			send("POST", "/v3/catalog/categories", "{\"name\":\"Kitchen\",\"parent_id\":0}");

			Reply created = send("POST", "/v3/catalog/products", MUG);
			Reply poster = send("POST", "/v3/catalog/products", """
					{"name":"Poster","type":"digital","weight":0,"price":5,"inventory_level":7,"is_visible":false}""");
			Reply one = send("GET", "/v3/catalog/products/1", null);
			Reply bySku = send("GET", "/v3/catalog/products?sku=MUG-1", null);
			Reply byIds = send("GET", "/v3/catalog/products?id:in=2&limit=1", null);
			Reply updated = send("PUT", "/v3/catalog/products", """
					[{"id":1,"price":12.25,"description":"Holds coffee"},{"id":2,"sku":"POSTER-1"}]""");

			assertThat(created.status()).isEqualTo(200);
			assertThat(created.body().get("meta").isEmpty()).isTrue();
			JsonNode mug = created.body().get("data");
			assertThat(mug.get("id").intValue()).isEqualTo(1);
			assertThat(mug.get("name").stringValue()).isEqualTo("Coffee Mug");
			assertThat(mug.get("type").stringValue()).isEqualTo("physical");
			assertThat(mug.get("sku").stringValue()).isEqualTo("MUG-1");
			assertThat(mug.get("price").doubleValue()).isEqualTo(10.5);
			assertThat(mug.get("weight").doubleValue()).isEqualTo(4);
			assertThat(mug.get("categories").get(0).intValue()).isEqualTo(1);
			assertThat(mug.get("inventory_level").intValue()).isZero();
			assertThat(mug.get("is_visible").booleanValue()).isTrue();
			assertThat(mug.get("date_modified").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
			assertThat(poster.body().at("/data/id").intValue()).isEqualTo(2);
			assertThat(poster.body().at("/data/inventory_level").intValue()).isEqualTo(7);
			assertThat(one.body().get("data")).isEqualTo(mug);
			assertThat(bySku.body().get("data").findValuesAsString("name")).containsExactly("Coffee Mug");
			assertThat(byIds.body().get("data").findValuesAsString("name")).containsExactly("Poster");
			assertThat(updated.status()).isEqualTo(200);
			assertThat(updated.body().get("meta").isEmpty()).isTrue();
			assertThat(updated.body().at("/data/0/price").doubleValue()).isEqualTo(12.25);
			assertThat(updated.body().at("/data/0/name").stringValue()).isEqualTo("Coffee Mug");
			assertThat(store.products()).extracting(p -> p.get("id"), p -> p.get("sku"), p -> p.get("description"))
				.containsExactly(tuple(1, "MUG-1", "Holds coffee"), tuple(2, "POSTER-1", ""));
		}

		@Test
		void refusesMissingFieldsUnknownCategoriesAndDuplicates() throws Exception {
			send("POST", "/v3/catalog/categories", "{\"name\":\"Kitchen\",\"parent_id\":0}");
			send("POST", "/v3/catalog/products", MUG);

			Reply missing = send("POST", "/v3/catalog/products", "{\"sku\":\"X\"}");
			Reply badType = send("POST", "/v3/catalog/products", """
					{"name":"Chair","type":"furniture","weight":-1,"price":"cheap"}""");
			Reply unknownCategory = send("POST", "/v3/catalog/products",
					MUG.replace("Coffee Mug", "Tea Mug").replace("MUG-1", "MUG-2").replace("[1]", "[1,77]"));
			Reply duplicateName = send("POST", "/v3/catalog/products",
					MUG.replace("MUG-1", "MUG-2").replace("Coffee Mug", "COFFEE MUG"));
			Reply duplicateSku = send("POST", "/v3/catalog/products", MUG.replace("Coffee Mug", "Tea Mug"));
			Reply asArray = send("POST", "/v3/catalog/products", "[" + MUG + "]");

			assertThat(missing.status()).isEqualTo(422);
			assertThat(missing.body().get("errors").propertyNames()).containsExactlyInAnyOrder("name", "type", "weight",
					"price");
			assertThat(badType.status()).isEqualTo(422);
			assertThat(badType.body().get("errors").propertyNames()).containsExactlyInAnyOrder("type", "weight",
					"price");
			assertThat(unknownCategory.status()).isEqualTo(422);
			assertThat(unknownCategory.body().at("/errors/categories").stringValue()).contains("77");
			assertThat(duplicateName.status()).isEqualTo(409);
			assertThat(duplicateName.body().get("title").stringValue()).isEqualTo("The product name is a duplicate");
			assertThat(duplicateName.body().at("/errors/name").stringValue()).contains("Coffee Mug");
			assertThat(duplicateSku.status()).isEqualTo(409);
			assertThat(duplicateSku.body().get("title").stringValue()).isEqualTo("The product sku is a duplicate");
			assertThat(duplicateSku.body().at("/errors/sku").stringValue()).contains("MUG-1");
			assertThat(asArray.status()).isEqualTo(422);
			assertThat(store.products()).extracting(p -> p.get("name")).containsExactly("Coffee Mug");
		}

		@Test
		void batchUpdatesAreAllOrNothing() throws Exception {
			send("POST", "/v3/catalog/categories", "{\"name\":\"Kitchen\",\"parent_id\":0}");
			send("POST", "/v3/catalog/products", MUG);
			send("POST", "/v3/catalog/products", """
					{"name":"Poster","type":"digital","weight":0,"price":5,"sku":"POSTER-1"}""");

			Reply unknownId = send("PUT", "/v3/catalog/products", """
					[{"id":1,"price":99},{"id":5,"price":1}]""");
			Reply takenName = send("PUT", "/v3/catalog/products", """
					[{"id":1,"price":99},{"id":2,"name":"coffee mug"}]""");
			Reply takenSku = send("PUT", "/v3/catalog/products", """
					[{"id":2,"sku":"MUG-1"}]""");
			Reply unknownCategory = send("PUT", "/v3/catalog/products", """
					[{"id":1,"price":99},{"id":2,"categories":[8]}]""");
			Reply eleven = send("PUT", "/v3/catalog/products",
					IntStream.range(0, 11).mapToObj(i -> "{\"id\":1}").collect(Collectors.joining(",", "[", "]")));
			Reply swapped = send("PUT", "/v3/catalog/products", """
					[{"id":1,"sku":"POSTER-1"},{"id":2,"sku":"MUG-1"}]""");

			assertThat(unknownId.status()).isEqualTo(422);
			assertThat(unknownId.body().at("/errors/1.id").stringValue()).contains("5");
			assertThat(takenName.status()).isEqualTo(409);
			assertThat(takenName.body().at("/errors/1.name").stringValue()).contains("Coffee Mug");
			assertThat(takenSku.status()).isEqualTo(409);
			assertThat(takenSku.body().at("/errors/0.sku").stringValue()).contains("MUG-1");
			assertThat(unknownCategory.status()).isEqualTo(422);
			assertThat(unknownCategory.body().at("/errors/1.categories").stringValue()).contains("8");
			assertThat(eleven.status()).isEqualTo(413);
			assertThat(swapped.status()).isEqualTo(200);
			assertThat(store.products()).extracting(p -> p.get("price"), p -> p.get("sku"))
				.containsExactly(tuple(10.5, "POSTER-1"), tuple(5, "MUG-1"));
		}

		@Test
		void refusesUnknownProductsAndUnimplementedParameters() throws Exception {
			Reply unknown = send("GET", "/v3/catalog/products/3", null);
			Reply includeFields = send("GET", "/v3/catalog/products?include_fields=name", null);
			Reply onOneProduct = send("GET", "/v3/catalog/products/3?include=variants", null);

			assertThat(unknown.status()).isEqualTo(404);
			assertThat(unknown.body().get("title").stringValue()).contains("3");
			assertThat(includeFields.status()).isEqualTo(400);
			assertThat(includeFields.body().get("title").stringValue()).contains("include_fields");
			assertThat(onOneProduct.status()).isEqualTo(400);
			assertThat(onOneProduct.body().get("title").stringValue()).contains("include");
		}

	}

	private static final String BILLING = """
			{"first_name":"Jane","last_name":"Doe","street_1":"123 Main Street","city":"Austin","state":"Texas",
			 "zip":"78751","country":"United States","country_iso2":"US","email":"jane@example.com"}""";

	/**
	 * A catalog product (id 1, MUG-1 at 10.5) and a customer (id 1) for orders to refer
	 * to.
	 */
	private void catalogAndCustomer() throws Exception {
		send("POST", "/v3/catalog/categories", "{\"name\":\"Kitchen\",\"parent_id\":0}");
		assertThat(send("POST", "/v3/catalog/products", MUG).status()).isEqualTo(200);
		assertThat(send("POST", "/v3/customers", "[" + ANN + "]").status()).isEqualTo(200);
	}

	private static String order(String products) {
		return """
				{"customer_id":1,"billing_address":%s,"products":%s}""".formatted(BILLING, products);
	}

	private static final String MUGS_AND_POSTER = """
			[{"product_id":1,"quantity":2},
			 {"name":"Poster","quantity":1,"price_inc_tax":11,"price_ex_tax":10,"sku":"CUSTOM-POSTER"}]""";

	private static final String POSTER = """
			[{"name":"Poster","quantity":1,"price_inc_tax":11,"price_ex_tax":10}]""";

	/**
	 * The contract's example time, 11:32:00 at -04:00, at which a store held still makes
	 * every change.
	 */
	private static final Instant STILL = Instant.parse("2017-04-20T15:32:00Z");

	/**
	 * A store whose clock never moves, so every change happens in one second; customer 1
	 * (Ann) is in it for orders to refer to.
	 */
	private SandboxStore heldStill() throws Exception {
		SandboxStore still = new SandboxStore(HASH, TOKEN, 0, null, Clock.fixed(STILL, ZoneOffset.UTC));
		assertThat(send(still.start(), "POST", "/v3/customers", "[" + ANN + "]").status()).isEqualTo(200);
		return still;
	}

	@Nested
	class Orders {

		@Test
		void createsAnOrderFromCatalogAndCustomProducts() throws Exception {
			catalogAndCustomer();

			Reply created = send("POST", "/v2/orders", """
					{"customer_id":1,"billing_address":%s,"products":%s,"external_id":"ERP-1001",
					 "staff_notes":"from the ERP","customer_message":"ring twice","status_id":11}"""
				.formatted(BILLING.replace("\"78751\"", "78751"), MUGS_AND_POSTER));
			Reply one = send("GET", "/v2/orders/1", null);
			Reply lines = send("GET", "/v2/orders/1/products", null);
			Reply addresses = send("GET", "/v2/orders/1/shipping_addresses", null);

			assertThat(created.status()).isEqualTo(200);
			JsonNode order = created.body();
			assertThat(order.get("id").intValue()).isEqualTo(1);
			assertThat(order.get("customer_id").intValue()).isEqualTo(1);
			assertThat(order.get("status_id").intValue()).isEqualTo(11);
			assertThat(order.get("status").stringValue()).isEqualTo("Awaiting Fulfillment");
			assertThat(order.get("external_id").stringValue()).isEqualTo("ERP-1001");
			assertThat(order.get("staff_notes").stringValue()).isEqualTo("from the ERP");
			assertThat(order.get("customer_message").stringValue()).isEqualTo("ring twice");
			assertThat(order.get("date_created").stringValue())
				.matches("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000");
			assertThat(order.get("billing_address").get("zip").stringValue()).isEqualTo("78751");
			assertThat(order.get("billing_address").get("email").stringValue()).isEqualTo("jane@example.com");
			assertThat(order.get("items_total").intValue()).isEqualTo(3);
			assertThat(order.get("items_shipped").intValue()).isZero();
			assertThat(order.get("subtotal_ex_tax").stringValue()).isEqualTo("31.0000");
			assertThat(order.get("subtotal_inc_tax").stringValue()).isEqualTo("32.0000");
			assertThat(order.get("total_inc_tax").stringValue()).isEqualTo("32.0000");
			assertThat(order.get("total_ex_tax").stringValue()).isEqualTo("31.0000");
			assertThat(order.at("/products/resource").stringValue()).isEqualTo("/orders/1/products");
			assertThat(order.at("/products/url").stringValue()).isEqualTo(base + "/v2/orders/1/products");
			assertThat(order.at("/shipping_addresses/resource").stringValue())
				.isEqualTo("/orders/1/shipping_addresses");
			assertThat(one.body()).isEqualTo(order);
			assertThat(lines.status()).isEqualTo(200);
			assertThat(lines.body())
				.extracting(l -> l.get("id").intValue(), l -> l.get("order_id").intValue(),
						l -> l.get("product_id").intValue(), l -> l.get("name").stringValue(),
						l -> l.get("sku").stringValue(), l -> l.get("quantity").intValue(),
						l -> l.get("price_inc_tax").stringValue(), l -> l.get("quantity_shipped").intValue())
				.containsExactly(tuple(1, 1, 1, "Coffee Mug", "MUG-1", 2, "10.5000", 0),
						tuple(2, 1, 0, "Poster", "CUSTOM-POSTER", 1, "11.0000", 0));
			assertThat(addresses.body()).hasSize(1);
			JsonNode shipTo = addresses.body().get(0);
			assertThat(shipTo.get("order_id").intValue()).isEqualTo(1);
			assertThat(shipTo.get("street_1").stringValue()).isEqualTo("123 Main Street");
			assertThat(shipTo.get("zip").stringValue()).isEqualTo("78751");
			assertThat(shipTo.get("country_iso2").stringValue()).isEqualTo("US");
			assertThat(lines.body().get(0).get("order_address_id").intValue()).isEqualTo(shipTo.get("id").intValue());
			assertThat(store.orders()).hasSize(1);
			assertThat(store.orders().get(0)).containsEntry("external_id", "ERP-1001").containsEntry("status_id", 11);
		}

		@Test
		void defaultsToAGuestPendingOrderWithTheGivenShippingAddresses() throws Exception {
			catalogAndCustomer();

			Reply created = send("POST", "/v2/orders", """
					{"billing_address":%s,"products":[{"product_id":1,"quantity":1,"price_inc_tax":9,"price_ex_tax":8}],
					 "shipping_addresses":[{"first_name":"Trish","last_name":"Test","street_1":"666 Sussex St",
					   "city":"Sydney","zip":"2000","country_iso2":"AU","shipping_method":"Flat Rate"}]}"""
				.formatted(BILLING));
			Reply addresses = send("GET", "/v2/orders/1/shipping_addresses", null);

			assertThat(created.status()).isEqualTo(200);
			assertThat(created.body().get("customer_id").intValue()).isZero();
			assertThat(created.body().get("status_id").intValue()).isEqualTo(1);
			assertThat(created.body().get("status").stringValue()).isEqualTo("Pending");
			assertThat(created.body().get("external_id").isNull()).isTrue();
			assertThat(created.body().get("total_inc_tax").stringValue()).isEqualTo("9.0000");
			assertThat(addresses.body())
				.extracting(a -> a.get("first_name").stringValue(), a -> a.get("shipping_method").stringValue())
				.containsExactly(tuple("Trish", "Flat Rate"));
		}

		@Test
		void refusesInvalidOrdersNamingTheField() throws Exception {
			catalogAndCustomer();

			Reply noBilling = send("POST", "/v2/orders", "{\"products\":" + MUGS_AND_POSTER + "}");
			Reply noZip = send("POST", "/v2/orders", order(MUGS_AND_POSTER).replace("\"zip\":\"78751\",", ""));
			Reply noEmail = send("POST", "/v2/orders",
					order(MUGS_AND_POSTER).replace(",\"email\":\"jane@example.com\"", ""));
			Reply noProducts = send("POST", "/v2/orders", order("[]"));
			Reply unknownProduct = send("POST", "/v2/orders", order("[{\"product_id\":99,\"quantity\":1}]"));
			Reply noQuantity = send("POST", "/v2/orders", order("[{\"product_id\":1,\"quantity\":0}]"));
			Reply customWithoutPrice = send("POST", "/v2/orders", order("[{\"name\":\"Gift\",\"quantity\":1}]"));
			Reply unknownCustomer = send("POST", "/v2/orders",
					order(MUGS_AND_POSTER).replace("\"customer_id\":1", "\"customer_id\":42"));
			Reply unknownStatus = send("POST", "/v2/orders",
					order(MUGS_AND_POSTER).replace("\"customer_id\":1", "\"status_id\":15"));
			Reply unsupportedField = send("POST", "/v2/orders",
					order(MUGS_AND_POSTER).replace("\"customer_id\":1", "\"shipping_cost_inc_tax\":\"5.00\""));
			Reply notAnObject = send("POST", "/v2/orders", "[]");

			assertThat(noBilling.status()).isEqualTo(400);
			assertThat(noBilling.v2Message()).contains("billing_address");
			assertThat(noZip.status()).isEqualTo(400);
			assertThat(noZip.v2Message()).contains("billing_address.zip");
			assertThat(noEmail.v2Message()).contains("billing_address.email");
			assertThat(noProducts.status()).isEqualTo(400);
			assertThat(noProducts.v2Message()).contains("products");
			assertThat(unknownProduct.v2Message()).contains("products[0].product_id").contains("99");
			assertThat(noQuantity.v2Message()).contains("products[0].quantity");
			assertThat(customWithoutPrice.v2Message()).contains("products[0].price_inc_tax")
				.contains("products[0].price_ex_tax");
			assertThat(unknownCustomer.v2Message()).contains("customer_id").contains("42");
			assertThat(unknownStatus.v2Message()).contains("status_id");
			assertThat(unsupportedField.v2Message()).contains("shipping_cost_inc_tax");
			assertThat(notAnObject.status()).isEqualTo(400);
			assertThat(store.orders()).isEmpty();
		}

		@Test
		void updatesStatusNotesBillingAddressAndCustomerButNeverTheExternalId() throws Exception {
			catalogAndCustomer();
			send("POST", "/v3/customers", "[" + BOB + "]");
			send("POST", "/v2/orders", order(MUGS_AND_POSTER));

			Reply updated = send("PUT", "/v2/orders/1", """
					{"status_id":9,"staff_notes":"packed","customer_id":2,"billing_address":{"city":"Houston"}}""");
			Reply externalId = send("PUT", "/v2/orders/1", "{\"external_id\":\"ERP-2\",\"staff_notes\":\"x\"}");
			Reply unknownOrder = send("PUT", "/v2/orders/9", "{\"staff_notes\":\"x\"}");
			Reply unknownCustomer = send("PUT", "/v2/orders/1", "{\"customer_id\":77}");
			Reply blankedZip = send("PUT", "/v2/orders/1", "{\"billing_address\":{\"zip\":\"\"}}");
			Reply products = send("PUT", "/v2/orders/1", "{\"products\":[]}");
			Reply unknownGet = send("GET", "/v2/orders/9", null);

			assertThat(updated.status()).isEqualTo(200);
			assertThat(updated.body().get("status").stringValue()).isEqualTo("Awaiting Shipment");
			assertThat(updated.body().get("staff_notes").stringValue()).isEqualTo("packed");
			assertThat(updated.body().get("customer_id").intValue()).isEqualTo(2);
			assertThat(updated.body().at("/billing_address/city").stringValue()).isEqualTo("Houston");
			assertThat(updated.body().at("/billing_address/street_1").stringValue()).isEqualTo("123 Main Street");
			assertThat(externalId.status()).isEqualTo(400);
			assertThat(externalId.v2Message()).isEqualTo("The field 'external_id' cannot be written to."
					+ " Please remove it from your request before trying again.");
			assertThat(unknownOrder.status()).isEqualTo(404);
			assertThat(unknownOrder.v2Message()).contains("9");
			assertThat(unknownCustomer.status()).isEqualTo(400);
			assertThat(unknownCustomer.v2Message()).contains("customer_id").contains("77");
			assertThat(blankedZip.v2Message()).contains("billing_address.zip");
			assertThat(products.v2Message()).contains("products");
			assertThat(unknownGet.status()).isEqualTo(404);
			assertThat(store.orders()).singleElement().satisfies(order -> {
				assertThat(order).containsEntry("staff_notes", "packed").containsEntry("customer_id", 2);
				assertThat(order.get("external_id")).isNull();
			});
		}

		@Test
		void listsFilterAndPageOrdersAndAnswer204WhenThereAreNone() throws Exception {
			Reply none = send("GET", "/v2/orders", null);
			catalogAndCustomer();
			send("POST", "/v2/orders", order(MUGS_AND_POSTER));
			send("POST", "/v2/orders", order(MUGS_AND_POSTER).replace("\"customer_id\":1", "\"customer_id\":0"));
			send("POST", "/v2/orders", order(MUGS_AND_POSTER));

			Reply all = send("GET", "/v2/orders", null);
			Reply ofCustomer = send("GET", "/v2/orders?customer_id=1", null);
			Reply range = send("GET", "/v2/orders?min_id=2&max_id=3&sort=id:desc", null);
			Reply secondPage = send("GET", "/v2/orders?page=2&limit=2", null);
			Reply pastTheEnd = send("GET", "/v2/orders?page=3&limit=2", null);
			Reply byEmail = send("GET", "/v2/orders?email=jane%40example.com", null);
			Reply badSort = send("GET", "/v2/orders?sort=total_inc_tax", null);

			assertThat(none.status()).isEqualTo(204);
			assertThat(none.body()).isNull();
			assertThat(all.body().findValues("id")).extracting(JsonNode::intValue).containsExactly(1, 2, 3);
			assertThat(ofCustomer.body().findValues("id")).extracting(JsonNode::intValue).containsExactly(1, 3);
			assertThat(range.body()).extracting(o -> o.get("id").intValue()).containsExactly(3, 2);
			assertThat(secondPage.body()).extracting(o -> o.get("id").intValue()).containsExactly(3);
			assertThat(pastTheEnd.status()).isEqualTo(204);
			assertThat(byEmail.status()).isEqualTo(400);
			assertThat(byEmail.v2Message()).contains("email");
			assertThat(badSort.status()).isEqualTo(400);
			assertThat(badSort.v2Message()).contains("total_inc_tax");
		}

		@Test
		void readsOrdersChangedWithinInclusiveBoundsInEitherDateFormatSortedByTheirChange() throws Exception {
			try (SandboxStore still = heldStill()) {
				URI stillBase = still.baseUri();
				for (int i = 0; i < 4; i++) {
					assertThat(send(stillBase, "POST", "/v2/orders", order(POSTER)).status()).isEqualTo(200);
				}
				send(stillBase, "PUT", "/v2/orders/3", "{\"staff_notes\":\"packed\"}");
				send(stillBase, "PUT", "/v2/orders/1", "{\"staff_notes\":\"packed\"}");
				send(stillBase, "PUT", "/v2/orders/4", "{\"staff_notes\":\"packed\"}");
				send(stillBase, "PUT", "/v2/orders/4", "{\"status_id\":11}");
				// Now 2 was changed at 15:32:00 UTC, 1 and 3 at 15:32:01, 4 at 15:32:02.

				Reply sinceRfc = send(stillBase, "GET",
						"/v2/orders?min_date_modified=" + encode("Thu, 20 Apr 2017 11:32:01 -0400"), null);
				Reply untilIso = send(stillBase, "GET",
						"/v2/orders?max_date_modified=" + encode("2017-04-20T11:32:01.000-04:00"), null);
				Reply oneSecond = send(stillBase, "GET", "/v2/orders?min_date_modified=2017-04-20T15:32:01Z"
						+ "&max_date_modified=" + encode("Thu, 20 Apr 2017 15:32:01 +0000"), null);
				Reply nothingSince = send(stillBase, "GET", "/v2/orders?min_date_modified=2017-04-20T15:32:03Z", null);
				Reply ascending = send(stillBase, "GET", "/v2/orders?sort=date_modified:asc", null);
				Reply byDefault = send(stillBase, "GET", "/v2/orders?sort=date_modified", null);
				Reply descending = send(stillBase, "GET", "/v2/orders?sort=date_modified%3Adesc", null);
				Reply firstPageSince = send(stillBase, "GET", "/v2/orders?min_date_modified="
						+ encode("2017-04-20T15:32:01Z") + "&sort=date_modified:asc&page=1&limit=2", null);

				assertThat(ids(sinceRfc)).containsExactly(1, 3, 4);
				assertThat(ids(untilIso)).containsExactly(1, 2, 3);
				assertThat(ids(oneSecond)).containsExactly(1, 3);
				assertThat(nothingSince.status()).isEqualTo(204);
				assertThat(ids(ascending)).containsExactly(2, 1, 3, 4);
				assertThat(ids(byDefault)).containsExactly(2, 1, 3, 4);
				assertThat(ids(descending)).containsExactly(4, 3, 1, 2);
				assertThat(ids(firstPageSince)).containsExactly(1, 3);
			}
		}

		@Test
		void refusesAModificationDateInNeitherFormatNamingTheParameter() throws Exception {
			Reply words = send("GET", "/v2/orders?min_date_modified=yesterday", null);
			Reply withoutOffset = send("GET", "/v2/orders?max_date_modified=2017-04-20T11%3A32%3A00", null);
			Reply noDirection = send("GET", "/v2/orders?sort=date_modified:up", null);

			assertThat(words.status()).isEqualTo(400);
			assertThat(words.v2Message()).contains("min_date_modified").contains("yesterday");
			assertThat(withoutOffset.status()).isEqualTo(400);
			assertThat(withoutOffset.v2Message()).contains("max_date_modified").contains("2017-04-20T11:32:00");
			assertThat(noDirection.status()).isEqualTo(400);
			assertThat(noDirection.v2Message()).contains("date_modified:up");
		}

		@Test
		void everyChangeOfAnOrderMovesItsDateModifiedOnEvenWithinOneSecond() throws Exception {
			try (SandboxStore still = heldStill()) {
				URI stillBase = still.baseUri();
				Reply created = send(stillBase, "POST", "/v2/orders", order(POSTER));
				Reply first = send(stillBase, "PUT", "/v2/orders/1", "{\"staff_notes\":\"packed\"}");
				Reply second = send(stillBase, "PUT", "/v2/orders/1", "{\"status_id\":11}");
				send(stillBase, "POST", "/v2/orders/1/shipments",
						"{\"order_address_id\":1,\"items\":[{\"order_product_id\":1,\"quantity\":1}]}");
				Reply shipped = send(stillBase, "GET", "/v2/orders/1", null);

				assertThat(created.body().get("date_modified").stringValue())
					.isEqualTo("Thu, 20 Apr 2017 15:32:00 +0000");
				assertThat(first.body().get("date_modified").stringValue())
					.isEqualTo("Thu, 20 Apr 2017 15:32:01 +0000");
				assertThat(second.body().get("date_modified").stringValue())
					.isEqualTo("Thu, 20 Apr 2017 15:32:02 +0000");
				assertThat(shipped.body().get("status").stringValue()).isEqualTo("Shipped");
				assertThat(shipped.body().get("date_shipped").stringValue())
					.isEqualTo("Thu, 20 Apr 2017 15:32:00 +0000");
				assertThat(shipped.body().get("date_modified").stringValue())
					.isEqualTo("Thu, 20 Apr 2017 15:32:03 +0000");
				assertThat(shipped.body().get("date_created").stringValue())
					.isEqualTo("Thu, 20 Apr 2017 15:32:00 +0000");
			}
		}

		@Test
		void listsOfAnUnknownOrderAre404() throws Exception {
			assertThat(send("GET", "/v2/orders/4/products", null).status()).isEqualTo(404);
			assertThat(send("GET", "/v2/orders/4/shipping_addresses", null).status()).isEqualTo(404);
			assertThat(send("GET", "/v2/orders/4/shipments", null).status()).isEqualTo(404);
		}

		@Test
		void concurrentOrdersGetDistinctIds() throws Exception {
			catalogAndCustomer();
			ExecutorService pool = Executors.newFixedThreadPool(8);
			try {
				List<Future<Reply>> replies = IntStream.range(0, 24)
					.mapToObj(i -> pool.submit(() -> send("POST", "/v2/orders", order(MUGS_AND_POSTER))))
					.toList();
				for (Future<Reply> reply : replies) {
					assertThat(reply.get().status()).isEqualTo(200);
				}
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(store.orders()).extracting(o -> o.get("id"))
				.containsExactlyElementsOf(IntStream.rangeClosed(1, 24).boxed().toList());
			Reply lines = send("GET", "/v2/orders/24/products", null);
			assertThat(lines.body()).allSatisfy(line -> assertThat(line.get("order_id").intValue()).isEqualTo(24));
		}

	}

	@Nested
	class Shipments {

		@Test
		void shippingUpdatesQuantitiesAndStatusUntilEverythingIsShipped() throws Exception {
			catalogAndCustomer();
			send("POST", "/v2/orders", order(MUGS_AND_POSTER));
			int addressId = send("GET", "/v2/orders/1/shipping_addresses", null).body().get(0).get("id").intValue();

			Reply none = send("GET", "/v2/orders/1/shipments", null);
			Reply first = send("POST", "/v2/orders/1/shipments", """
					{"order_address_id":%d,"items":[{"order_product_id":1,"quantity":1}],
					 "tracking_number":"EJ1","shipping_provider":"ups","comments":"first box"}""".formatted(addressId));
			JsonNode afterFirst = send("GET", "/v2/orders/1", null).body();
			Reply second = send("POST", "/v2/orders/1/shipments", """
					{"order_address_id":%d,"items":[{"order_product_id":1,"quantity":1},
					 {"order_product_id":2,"quantity":1}]}""".formatted(addressId));
			JsonNode afterSecond = send("GET", "/v2/orders/1", null).body();
			Reply all = send("GET", "/v2/orders/1/shipments", null);
			Reply one = send("GET", "/v2/orders/1/shipments/1", null);
			Reply updated = send("PUT", "/v2/orders/1/shipments/1", """
					{"tracking_number":"EJ1-NEW","tracking_carrier":"usps"}""");
			Reply lines = send("GET", "/v2/orders/1/products", null);

			assertThat(none.status()).isEqualTo(204);
			assertThat(first.status()).isEqualTo(201);
			JsonNode shipment = first.body();
			assertThat(shipment.get("id").intValue()).isEqualTo(1);
			assertThat(shipment.get("order_id").intValue()).isEqualTo(1);
			assertThat(shipment.get("customer_id").intValue()).isEqualTo(1);
			assertThat(shipment.get("order_address_id").intValue()).isEqualTo(addressId);
			assertThat(shipment.get("tracking_number").stringValue()).isEqualTo("EJ1");
			assertThat(shipment.get("shipping_provider").stringValue()).isEqualTo("ups");
			assertThat(shipment.get("comments").stringValue()).isEqualTo("first box");
			assertThat(shipment.at("/billing_address/email").stringValue()).isEqualTo("jane@example.com");
			assertThat(shipment.at("/shipping_address/street_1").stringValue()).isEqualTo("123 Main Street");
			assertThat(shipment.get("items"))
				.extracting(i -> i.get("order_product_id").intValue(), i -> i.get("product_id").intValue(),
						i -> i.get("quantity").intValue())
				.containsExactly(tuple(1, 1, 1));
			assertThat(afterFirst.get("status_id").intValue()).isEqualTo(3);
			assertThat(afterFirst.get("status").stringValue()).isEqualTo("Partially Shipped");
			assertThat(afterFirst.get("items_shipped").intValue()).isEqualTo(1);
			assertThat(second.status()).isEqualTo(201);
			assertThat(afterSecond.get("status_id").intValue()).isEqualTo(2);
			assertThat(afterSecond.get("status").stringValue()).isEqualTo("Shipped");
			assertThat(afterSecond.get("items_shipped").intValue()).isEqualTo(3);
			assertThat(afterSecond.get("date_shipped").stringValue()).isNotEmpty();
			assertThat(all.body()).extracting(s -> s.get("id").intValue()).containsExactly(1, 2);
			assertThat(one.body()).isEqualTo(shipment);
			assertThat(updated.status()).isEqualTo(200);
			assertThat(updated.body().get("tracking_number").stringValue()).isEqualTo("EJ1-NEW");
			assertThat(updated.body().get("tracking_carrier").stringValue()).isEqualTo("usps");
			assertThat(updated.body().get("comments").stringValue()).isEqualTo("first box");
			assertThat(lines.body()).extracting(l -> l.get("quantity_shipped").intValue()).containsExactly(2, 1);
			assertThat(store.shipments())
				.extracting(s -> s.get("id"), s -> s.get("order_id"), s -> s.get("tracking_number"))
				.containsExactly(tuple(1, 1, "EJ1-NEW"), tuple(2, 1, ""));
		}

		@Test
		void refusesShipmentsThatDoNotFitTheOrder() throws Exception {
			catalogAndCustomer();
			send("POST", "/v2/orders", order(MUGS_AND_POSTER));
			send("POST", "/v2/orders", order(MUGS_AND_POSTER));
			int ownAddress = send("GET", "/v2/orders/1/shipping_addresses", null).body().get(0).get("id").intValue();
			int otherAddress = send("GET", "/v2/orders/2/shipping_addresses", null).body().get(0).get("id").intValue();
			String oneMug = "[{\"order_product_id\":1,\"quantity\":1}]";

			Reply tooMany = send("POST", "/v2/orders/1/shipments", """
					{"order_address_id":%d,"items":[{"order_product_id":1,"quantity":2},
					 {"order_product_id":1,"quantity":1}]}""".formatted(ownAddress));
			Reply foreignAddress = send("POST", "/v2/orders/1/shipments",
					"{\"order_address_id\":%d,\"items\":%s}".formatted(otherAddress, oneMug));
			Reply noAddress = send("POST", "/v2/orders/1/shipments", "{\"items\":%s}".formatted(oneMug));
			Reply noItems = send("POST", "/v2/orders/1/shipments",
					"{\"order_address_id\":%d,\"items\":[]}".formatted(ownAddress));
			Reply foreignProduct = send("POST", "/v2/orders/1/shipments", """
					{"order_address_id":%d,"items":[{"order_product_id":3,"quantity":1}]}""".formatted(ownAddress));
			Reply zero = send("POST", "/v2/orders/1/shipments", """
					{"order_address_id":%d,"items":[{"order_product_id":1,"quantity":0}]}""".formatted(ownAddress));
			Reply badProvider = send("POST", "/v2/orders/1/shipments",
					"{\"order_address_id\":%d,\"items\":%s,\"shipping_provider\":\"pigeon\"}".formatted(ownAddress,
							oneMug));
			Reply unknownOrder = send("POST", "/v2/orders/7/shipments",
					"{\"order_address_id\":%d,\"items\":%s}".formatted(ownAddress, oneMug));
			send("POST", "/v2/orders/1/shipments",
					"{\"order_address_id\":%d,\"items\":%s}".formatted(ownAddress, oneMug));
			Reply changeItems = send("PUT", "/v2/orders/1/shipments/1", "{\"items\":" + oneMug + "}");
			Reply otherOrdersShipment = send("GET", "/v2/orders/2/shipments/1", null);
			Reply unknownShipment = send("PUT", "/v2/orders/1/shipments/5", "{\"comments\":\"x\"}");

			assertThat(tooMany.status()).isEqualTo(400);
			assertThat(tooMany.v2Message()).contains("Order product 1").contains("2 left to ship").contains("3");
			assertThat(foreignAddress.status()).isEqualTo(400);
			assertThat(foreignAddress.v2Message()).contains("order_address_id");
			assertThat(noAddress.v2Message()).contains("order_address_id");
			assertThat(noItems.v2Message()).contains("items");
			assertThat(foreignProduct.v2Message()).contains("items[0].order_product_id");
			assertThat(zero.v2Message()).contains("items[0].quantity");
			assertThat(badProvider.v2Message()).contains("shipping_provider");
			assertThat(unknownOrder.status()).isEqualTo(404);
			assertThat(changeItems.status()).isEqualTo(400);
			assertThat(changeItems.v2Message()).contains("items");
			assertThat(otherOrdersShipment.status()).isEqualTo(404);
			assertThat(unknownShipment.status()).isEqualTo(404);
			assertThat(store.shipments()).hasSize(1);
			assertThat(send("GET", "/v2/orders/1/products", null).body())
				.extracting(l -> l.get("quantity_shipped").intValue())
				.containsExactly(1, 0);
		}

	}

	@Test
	void listsTheFifteenStandardOrderStatuses() throws Exception {
		Reply statuses = send("GET", "/v2/order_statuses", null);

		assertThat(statuses.status()).isEqualTo(200);
		assertThat(statuses.body()).hasSize(15);
		assertThat(statuses.body()).extracting(s -> s.get("id").intValue(), s -> s.get("name").stringValue())
			.startsWith(tuple(0, "Incomplete"), tuple(1, "Pending"), tuple(2, "Shipped"), tuple(3, "Partially Shipped"))
			.endsWith(tuple(13, "Disputed"), tuple(14, "Partially Refunded"));
		JsonNode awaitingFulfillment = statuses.body().get(11);
		assertThat(awaitingFulfillment.get("name").stringValue()).isEqualTo("Awaiting Fulfillment");
		assertThat(awaitingFulfillment.get("system_label").stringValue()).isEqualTo("Awaiting Fulfillment");
		assertThat(awaitingFulfillment.get("custom_label").stringValue()).isEqualTo("Awaiting Fulfillment");
		assertThat(awaitingFulfillment.get("system_description").stringValue()).contains("payment has been confirmed");
		assertThat(awaitingFulfillment.get("order").intValue()).isEqualTo(3);
	}

	@Test
	void keepsCatalogOrdersAndShipmentsAcrossRestarts(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("store.json");
		try (SandboxStore first = new SandboxStore(HASH, TOKEN, 0, file)) {
			URI firstBase = first.start();
			assertThat(send(firstBase, "POST", "/v3/catalog/categories", "{\"name\":\"Kitchen\",\"parent_id\":0}")
				.status()).isEqualTo(200);
			assertThat(send(firstBase, "POST", "/v3/catalog/products", MUG).status()).isEqualTo(200);
			assertThat(send(firstBase, "POST", "/v3/customers", "[" + ANN + "]").status()).isEqualTo(200);
			assertThat(send(firstBase, "POST", "/v3/customers/addresses", "[" + address(1, "Austin") + "]").status())
				.isEqualTo(200);
			assertThat(send(firstBase, "POST", "/v2/orders", order(MUGS_AND_POSTER)).status()).isEqualTo(200);
			assertThat(send(firstBase, "POST", "/v2/orders/1/shipments",
					"{\"order_address_id\":1,\"items\":[{\"order_product_id\":2,\"quantity\":1}]}")
				.status()).isEqualTo(201);
		}

		try (SandboxStore second = new SandboxStore(HASH, TOKEN, 0, file)) {
			URI secondBase = second.start();
			assertThat(second.categories()).extracting(c -> c.get("name")).containsExactly("Kitchen");
			assertThat(second.products()).extracting(p -> p.get("sku")).containsExactly("MUG-1");
			assertThat(second.addresses()).extracting(a -> a.get("city")).containsExactly("Austin");
			assertThat(second.orders()).singleElement().satisfies(order -> {
				assertThat(order).containsEntry("status", "Partially Shipped").containsEntry("items_shipped", 1);
				assertThat(((Map<?, ?>) order.get("products")).get("url"))
					.isEqualTo(secondBase + "/v2/orders/1/products");
			});
			assertThat(second.shipments()).extracting(s -> s.get("order_id")).containsExactly(1);
			assertThat(send(secondBase, "GET", "/v2/orders/1/products", null).body())
				.extracting(l -> l.get("quantity_shipped").intValue())
				.containsExactly(0, 1);

			Reply product = send(secondBase, "POST", "/v3/catalog/products",
					MUG.replace("Coffee Mug", "Tea Mug").replace("MUG-1", "MUG-2"));
			Reply order = send(secondBase, "POST", "/v2/orders", order(MUGS_AND_POSTER));
			Reply lines = send(secondBase, "GET", "/v2/orders/2/products", null);
			assertThat(product.body().at("/data/id").intValue()).isEqualTo(2);
			assertThat(order.body().get("id").intValue()).isEqualTo(2);
			assertThat(lines.body()).extracting(l -> l.get("id").intValue()).containsExactly(3, 4);
			second.clear();
			assertThat(second.orders()).isEmpty();
		}
		try (SandboxStore third = new SandboxStore(HASH, TOKEN, 0, file)) {
			third.start();
			assertThat(third.products()).isEmpty();
			assertThat(third.orders()).isEmpty();
			assertThat(third.shipments()).isEmpty();
		}
	}

	@Test
	void demoShoppersStartANewStoreWithAnOrderTheFirstOnePlaced() throws Exception {
		try (SandboxStore demo = new SandboxStore(HASH, TOKEN, 0, null).withDemoShoppers()) {
			URI demoBase = demo.start();
			Object gina = demo.customers().get(0).get("id");
			Reply placed = send(demoBase, "GET", "/v2/orders?customer_id=" + gina, null);
			Reply lines = send(demoBase, "GET", "/v2/orders/1/products", null);
			Reply shipTo = send(demoBase, "GET", "/v2/orders/1/shipping_addresses", null);

			assertThat(demo.customers()).extracting(c -> c.get("email"))
				.containsExactly("gina.baker@sunnyside.example", "liam.chen@mail.example");
			assertThat(placed.body()).extracting(o -> o.get("id").intValue()).containsExactly(1);
			JsonNode order = placed.body().get(0);
			assertThat(order.get("status_id").intValue()).isEqualTo(11);
			assertThat(order.get("status").stringValue()).isEqualTo("Awaiting Fulfillment");
			assertThat(order.get("customer_message").stringValue()).isEqualTo("Leave at the back door");
			assertThat(order.get("external_id").isNull()).isTrue();
			assertThat(order.get("items_total").intValue()).isEqualTo(3);
			assertThat(order.get("total_inc_tax").stringValue()).isEqualTo("37.0000");
			JsonNode billing = order.get("billing_address");
			assertThat(List.of("first_name", "last_name", "email", "street_1", "city", "state", "zip", "country",
					"country_iso2"))
				.extracting(field -> billing.get(field).stringValue())
				.containsExactly("Gina", "Baker", "gina.baker@sunnyside.example", "12 Baker Street", "Springfield",
						"Illinois", "62701", "United States", "US");
			assertThat(lines.body())
				.extracting(l -> l.get("product_id").intValue(), l -> l.get("name").stringValue(),
						l -> l.get("sku").stringValue(), l -> l.get("quantity").intValue(),
						l -> l.get("price_ex_tax").stringValue(), l -> l.get("price_inc_tax").stringValue())
				.containsExactly(tuple(0, "Strawberry jam 250 g", "JAM-STRAW", 2, "6.5000", "6.5000"),
						tuple(0, "House blend coffee 1 kg", "COFFEE-HOUSE", 1, "24.0000", "24.0000"));
			assertThat(shipTo.body()).extracting(a -> a.get("street_1").stringValue())
				.containsExactly("12 Baker Street");
		}
	}

	@Test
	void theDemoOrderIsPlacedOnlyInAStoreWithDemoShoppersAndNoDataFileYet(@TempDir Path dir) throws Exception {
		Path seeded = dir.resolve("seeded.json");
		try (SandboxStore first = new SandboxStore(HASH, TOKEN, 0, seeded).withDemoShoppers()) {
			first.start();
			assertThat(first.orders()).hasSize(1);
		}
		Path ownData = dir.resolve("own.json");
		try (SandboxStore plain = new SandboxStore(HASH, TOKEN, 0, ownData)) {
			URI plainBase = plain.start();
			assertThat(send(plainBase, "POST", "/v3/customers", "[" + ANN + "]").status()).isEqualTo(200);
		}

		try (SandboxStore again = new SandboxStore(HASH, TOKEN, 0, seeded).withDemoShoppers();
				SandboxStore fromOwnData = new SandboxStore(HASH, TOKEN, 0, ownData).withDemoShoppers()) {
			again.start();
			fromOwnData.start();
			assertThat(again.orders()).extracting(o -> o.get("customer_message"))
				.containsExactly("Leave at the back door");
			assertThat(again.customers()).hasSize(2);
			assertThat(fromOwnData.orders()).isEmpty();
			assertThat(fromOwnData.customers()).extracting(c -> c.get("email")).containsExactly("ann@example.com");
		}
		assertThat(store.orders()).isEmpty();
		assertThat(store.customers()).isEmpty();
	}

	@Test
	void readsADataFileFromBeforeOrdersExisted(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("store.json");
		Files.writeString(file, """
				{"next_id": 3, "customers": [{"id": 1, "email": "ann@example.com", "first_name": "Ann",
				  "last_name": "Lee", "company": "", "address_count": 0}]}""");

		try (SandboxStore old = new SandboxStore(HASH, TOKEN, 0, file)) {
			URI oldBase = old.start();
			assertThat(old.customers()).extracting(c -> c.get("email")).containsExactly("ann@example.com");
			Reply created = send(oldBase, "POST", "/v3/customers", "[" + BOB + "]");
			assertThat(created.body().at("/data/0/id").intValue()).isEqualTo(3);
			assertThat(send(oldBase, "POST", "/v3/catalog/products", MUG.replace("[1]", "[]")).status()).isEqualTo(200);
		}
		assertThat(Files.readString(file)).contains("\"format\"").contains("\"products\"");
	}

	/** {@code body} is {@code null} when the answer has none (v2's 204). */
	private record Reply(int status, JsonNode body) {

		/**
		 * The message of a v2 error, which comes as [{"status": ..., "message": ...}].
		 */
		String v2Message() {
			assertThat(body.isArray()).as("v2 error body %s", body).isTrue();
			assertThat(body.get(0).get("status").intValue()).isEqualTo(status);
			return body.get(0).get("message").stringValue();
		}
	}

	private Reply send(String method, String pathAndQuery, String body) throws IOException, InterruptedException {
		return send(base, method, pathAndQuery, body);
	}

	private Reply send(URI baseUri, String method, String pathAndQuery, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + pathAndQuery))
			.header("X-Auth-Token", TOKEN)
			.header("Accept", "application/json");
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Reply(response.statusCode(), response.body().isEmpty() ? null : json.readTree(response.body()));
	}

	private static List<Integer> ids(Reply orders) {
		assertThat(orders.status()).isEqualTo(200);
		List<Integer> ids = new ArrayList<>();
		orders.body().forEach(order -> ids.add(order.get("id").intValue()));
		return ids;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
