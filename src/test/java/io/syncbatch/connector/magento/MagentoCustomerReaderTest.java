package io.syncbatch.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.client.RestClient;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.ResourceReader.Page;
import io.syncbatch.connector.ResourceReader.StoreDocument;
import io.syncbatch.connector.StoreHttp;
import io.syncbatch.connector.magento.sandbox.MagentoSandbox;
import io.syncbatch.metrics.SyncMeters;
import io.syncbatch.secrets.Secrets;
import io.syncbatch.testsupport.ProjectDefinitions;
import io.syncbatch.testsupport.MovableClock;
import tools.jackson.databind.json.JsonMapper;

/**
 * Magento's customers read by change time over real HTTP from the local sandbox, whose
 * clock the test moves: more customers changed in one second than a page holds are all
 * read, also when one of them changes again while that second is read.
 */
class MagentoCustomerReaderTest {

	private static final OAuthSigner.Credentials CREDENTIALS = new OAuthSigner.Credentials("ck", "cs", "at", "ats");

	private final MovableClock storeClock = new MovableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final MagentoSandbox sandbox = new MagentoSandbox(CREDENTIALS, 0, null, storeClock);

	private final HttpClient http = HttpClient.newHttpClient();

	private URI root;

	private MagentoChangeReader reader;

	@BeforeEach
	void connect() {
		root = URI.create(sandbox.start() + "/rest/" + MagentoSandbox.STORE_CODE);
		Map<String, String> settings = Map.of("syncbatch.stores.main.platform", "magento",
				"syncbatch.stores.main.timeout", "5s");
		SyncbatchProperties properties = new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("syncbatch", SyncbatchProperties.class);
		JsonMapper json = JsonMapper.builder().build();
		StoreHttp stores = new StoreHttp(RestClient.builder(), json, Clock.systemUTC(), properties,
				new SyncMeters(new SimpleMeterRegistry(), properties, ProjectDefinitions.shipped()),
				new Secrets(new MockEnvironment()));
		reader = new MagentoChangeReader(
				stores.open("main", properties.stores().get("main"), () -> root,
						new MagentoDialect(new BearerToken("at"), json)),
				Clock.systemUTC(), "/V1/customers/search", new MagentoCustomerDocuments());
	}

	@AfterEach
	void stop() {
		sandbox.close();
	}

	@Test
	void moreChangesInOneSecondThanAPageHoldsAreAllReadInChangeOrder() throws Exception {
		for (int i = 1; i <= 5; i++) {
			create("shopper" + i + "@example.com");
		}
		storeClock.move(1);
		create("later@example.com");

		List<String> read = readAll(null, 2);

		assertThat(read).containsAll(List.of("shopper1@example.com", "shopper2@example.com", "shopper3@example.com",
				"shopper4@example.com", "shopper5@example.com", "later@example.com"));
		assertThat(read.get(read.size() - 1)).as("oldest change first").isEqualTo("later@example.com");
	}

	@Test
	void aCustomerChangedAgainWhileItsSecondIsReadIsNotSkippedNorAnyOther() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			ids.add(create("shopper" + i + "@example.com"));
		}
		List<String> read = new ArrayList<>();
		String cursor = null;
		boolean edited = false;
		do {
			Page page = reader.changed(null, cursor, 2);
			page.documents().forEach(document -> read.add(document.fields().text("email")));
			cursor = page.next();
			if (!edited && cursor != null && cursor.endsWith(":2:5")) {
				// The second page of the busy second is next: a shopper of the first page
				// changes now, and leaves that second, which moves everyone after it up.
				storeClock.move(5);
				edit(ids.get(0), "Changed");
				edited = true;
			}
		}
		while (cursor != null);

		assertThat(edited).as("the read went through the busy second page by page").isTrue();
		assertThat(read).containsAll(List.of("shopper1@example.com", "shopper2@example.com", "shopper3@example.com",
				"shopper4@example.com", "shopper5@example.com"));
	}

	@Test
	void aCustomersPhoneAndCompanyAreItsDefaultBillingAddresssAndItsChangeTimeIsUpdatedAt() throws Exception {
		String id = create("ann@example.com");
		edit(id, "Ann",
				"{\"firstname\":\"Ann\",\"lastname\":\"Lee\",\"street\":[\"1 Main St\"],\"city\":\"Springfield\","
						+ "\"country_id\":\"US\",\"region\":{\"region_code\":\"NY\",\"region\":\"New York\",\"region_id\":33},\"postcode\":\"12345\",\"telephone\":\"+1 555 0100\",\"company\":\"Fruitico\","
						+ "\"default_billing\":true}");

		StoreDocument document = reader.byIds(List.of(id)).get(id);

		assertThat(document.fields().text("telephone")).isEqualTo("+1 555 0100");
		assertThat(document.fields().text("company")).isEqualTo("Fruitico");
		assertThat(document.fields().fields()).doesNotContainKey("updated_at");
		assertThat(document.changedAt()).isEqualTo(storeClock.instant());
	}

	private List<String> readAll(Instant since, int pageSize) {
		List<String> read = new ArrayList<>();
		String cursor = null;
		do {
			Page page = reader.changed(since, cursor, pageSize);
			page.documents().forEach(document -> read.add(document.fields().text("email")));
			cursor = page.next();
		}
		while (cursor != null);
		return read;
	}

	private String create(String email) throws Exception {
		String body = "{\"customer\":{\"email\":\"" + email + "\",\"firstname\":\"Shopper\",\"lastname\":\"Lee\"}}";
		return JsonMapper.builder().build().readTree(send("POST", "/V1/customers", body)).path("id").asString();
	}

	private void edit(String id, String firstName) throws Exception {
		edit(id, firstName, null);
	}

	private void edit(String id, String firstName, String address) throws Exception {
		String email = sandbox.customers()
			.stream()
			.filter(customer -> id.equals(String.valueOf(customer.get("id"))))
			.map(customer -> String.valueOf(customer.get("email")))
			.findFirst()
			.orElseThrow();
		send("PUT", "/V1/customers/" + id,
				"{\"customer\":{\"id\":" + id + ",\"email\":\"" + email + "\",\"firstname\":\"" + firstName
						+ "\",\"lastname\":\"Lee\"" + (address == null ? "" : ",\"addresses\":[" + address + "]")
						+ "}}");
	}

	private String send(String method, String path, String body) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(root + path))
			.header("Authorization", "Bearer at")
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

}
