package io.syncbatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.secrets.Secrets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.syncbatch.testsupport.BigCommerceStoreFixture;
import io.syncbatch.testsupport.StoreFixture;
import io.syncbatch.testsupport.ContractValidatedStore;
import io.syncbatch.testsupport.TestDatabase;
import io.syncbatch.testsupport.ErpDatabase;
import io.syncbatch.testsupport.SyncState;

/**
 * The REST API over real HTTP: every {@code /api} call needs the configured operator,
 * health and the Prometheus scrape do not, and the operator can launch, follow, retry and
 * abort.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SpringBatchTest
@ActiveProfiles("embedded")
class OperatorApiTest {

	private static final String PASSWORD = "s3cret-" + UUID.randomUUID();

	@RegisterExtension
	static final ContractValidatedStore STORE = ContractValidatedStore.start();

	@DynamicPropertySource
	static void configuration(DynamicPropertyRegistry registry) {
		TestDatabase.EMBEDDED.registerDatabases(registry);
		new BigCommerceStoreFixture(STORE).pointStoreAt("sandbox", registry);
		registry.add("syncbatch.api.username", () -> "ops");
		registry.add("syncbatch.api.password", () -> PASSWORD);
	}

	@LocalServerPort
	int port;

	@Autowired
	Environment environment;

	@Autowired
	DataSource syncDataSource;

	@Autowired
	JobRepositoryTestUtils jobRepositoryTestUtils;

	@Autowired
	WebServerApplicationContext webServerContext;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private SyncState state;

	@BeforeEach
	void givenTheDemoCompany() {
		new ErpDatabase(environment).reset();
		state = new SyncState(syncDataSource, jobRepositoryTestUtils);
		state.clear();
	}

	@Test
	void everyApiCallNeedsTheOperatorButHealthAndMetricsDoNot() throws Exception {
		assertThat(send("GET", "/api/jobs", null, null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/api/jobs", null, "wrong").statusCode()).isEqualTo(401);
		assertThat(send("POST", "/api/jobs/customer-export/executions", "{}", null).statusCode()).isEqualTo(401);
		assertThat(state.jobExecutionCount()).as("refused launches record nothing").isZero();

		HttpResponse<String> jobs = send("GET", "/api/jobs", null, PASSWORD);
		assertThat(jobs.statusCode()).isEqualTo(200);
		assertThat(jobs.body()).isEqualTo("[\"category-export\",\"customer-export\",\"customer-import\","
				+ "\"customer-location-export\",\"customer-location-import\",\"invoice-export\",\"order-status-export\",\"product-export\","
				+ "\"sales-order-export\",\"sales-order-import\",\"shipment-export\"]");
		assertThat(send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/env", null, null).statusCode()).as("not exposed").isIn(401, 404);
	}

	@Test
	void theOperatorLaunchesFollowsRetriesAndAborts() throws Exception {
		HttpResponse<String> launched = send("POST", "/api/jobs/customer-export/executions", "{\"mode\":\"full\"}",
				PASSWORD);
		assertThat(launched.statusCode()).isEqualTo(202);
		String location = launched.headers().firstValue("Location").orElseThrow();
		assertThat(location).matches("/api/executions/\\d+");

		String execution = awaitCompleted(location);
		assertThat(execution).contains("\"status\":\"COMPLETED\"", "\"store\":\"sandbox\"");
		assertThat(send("GET", "/api/executions?job=customer-export", null, PASSWORD).body())
			.contains("\"id\":" + location.substring(location.lastIndexOf('/') + 1));

		HttpResponse<String> failed = send("GET", "/api/history/customer?status=failed", null, PASSWORD);
		assertThat(failed.body()).contains("\"erpId\":\"BERRYBAR\"").doesNotContain("FRUITICO");

		HttpResponse<String> unknown = send("POST", "/api/history/customer/retry",
				"{\"erpIds\":[\"BERRYBAR\",\"NOSUCH\"]}", PASSWORD);
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("[NOSUCH]", "nothing was changed");

		assertThat(send("POST", "/api/history/customer/retry", "{\"erpIds\":[\"BERRYBAR\"]}", PASSWORD).body())
			.isEqualTo("{\"prepared\":1}");
		assertThat(send("POST", "/api/history/customer/abort", "{\"erpIds\":[\"BERRYBAR\"]}", PASSWORD).body())
			.isEqualTo("{\"aborted\":1}");
		assertThat(send("GET", "/api/history/customer?status=ABORTED", null, PASSWORD).body())
			.contains("\"erpId\":\"BERRYBAR\"", "aborted by an operator");
	}

	@Test
	void badRequestsSayWhatIsWrong() throws Exception {
		HttpResponse<String> badParameter = send("POST", "/api/jobs/customer-export/executions", "{\"modee\":\"full\"}",
				PASSWORD);
		assertThat(badParameter.statusCode()).isEqualTo(400);
		assertThat(badParameter.body()).contains("unknown parameter 'modee'");

		HttpResponse<String> unknownJob = send("POST", "/api/jobs/vendor-export/executions", "{}", PASSWORD);
		assertThat(unknownJob.statusCode()).isEqualTo(400);
		assertThat(unknownJob.body()).contains("unknown job 'vendor-export'");

		assertThat(send("GET", "/api/history/customer?status=LOST", null, PASSWORD).body())
			.contains("'LOST' is not a sync status");
		HttpResponse<String> malformed = send("POST", "/api/history/customer/retry", "{\"erpIds\": 7", PASSWORD);
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("the request body is not what this endpoint takes");
		assertThat(state.jobExecutionCount()).isZero();
	}

	@Test
	void aStoreErrorPageEchoingTheAccessTokenIsMaskedInEveryAnswer() throws Exception {
		StoreFixture.InjectedFault echoing = new BigCommerceStoreFixture(STORE).failAll(
				StoreFixture.Requests.creating(StoreFixture.Resource.CUSTOMERS),
				StoreFixture.StoreFault.errorPageEchoingTheCredentials(503));
		try {
			HttpResponse<String> launched = send("POST", "/api/jobs/customer-export/executions", "{}", PASSWORD);
			String execution = awaitCompleted(launched.headers().firstValue("Location").orElseThrow());
			assertThat(execution).contains("\"status\":\"FAILED\"", "X-Auth-Token: " + Secrets.MASK);
		}
		finally {
			echoing.remove();
		}
		StoreFixture.InjectedFault refusing = new BigCommerceStoreFixture(STORE).failAll(
				StoreFixture.Requests.creating(StoreFixture.Resource.CUSTOMERS),
				StoreFixture.StoreFault.errorPageEchoingTheCredentials(400));
		try {
			HttpResponse<String> restarted = send("POST", "/api/executions/" + state.lastJobExecutionId() + "/restart",
					null, PASSWORD);
			assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(202);
			awaitCompleted(restarted.headers().firstValue("Location").orElseThrow());
		}
		finally {
			refusing.remove();
		}

		String history = send("GET", "/api/history/customer", null, PASSWORD).body();
		String executions = send("GET", "/api/executions", null, PASSWORD).body();
		assertThat(history).contains("X-Auth-Token: " + Secrets.MASK).doesNotContain(STORE.accessToken());
		assertThat(executions).contains("X-Auth-Token: " + Secrets.MASK).doesNotContain(STORE.accessToken());
	}

	@Test
	void aMissingExecutionIsNotFoundAndACompletedOneIsNotRestarted() throws Exception {
		for (String call : List.of("GET /api/executions/-1", "POST /api/executions/999999/restart",
				"POST /api/executions/999999/stop", "POST /api/executions/999999/recover")) {
			String[] methodAndPath = call.split(" ");
			HttpResponse<String> missing = send(methodAndPath[0], methodAndPath[1], null, PASSWORD);
			assertThat(missing.statusCode()).as(call).isEqualTo(404);
			assertThat(missing.body()).as(call).contains("does not exist").doesNotContain("Incorrect result size");
		}

		HttpResponse<String> launched = send("POST", "/api/jobs/customer-export/executions", "{}", PASSWORD);
		String location = launched.headers().firstValue("Location").orElseThrow();
		assertThat(awaitCompleted(location)).contains("\"status\":\"COMPLETED\"");
		HttpResponse<String> again = send("POST", location + "/restart", null, PASSWORD);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.body()).contains("already completed").doesNotContain("A job instance already exists");
	}

	@Test
	void processRefusesWhatCouldNeverBeSyncedBeforeRecordingAnything() throws Exception {
		HttpResponse<String> unknown = send("POST", "/api/entities/customer/process",
				"{\"erpIds\":[\"FRUITICO\",\"NOSUCH\"]}", PASSWORD);
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("[NOSUCH]", "nothing was launched");

		HttpResponse<String> overLong = send("POST", "/api/entities/customer/process",
				"{\"erpIds\":[\"" + "X".repeat(2500) + "\"]}", PASSWORD);
		assertThat(overLong.statusCode()).isEqualTo(400);
		assertThat(overLong.body()).contains("2,500 characters long", "at most 128");

		HttpResponse<String> tooMany = send("POST", "/api/entities/customer/process",
				"{\"erpIds\":[" + String.join(",", Collections.nCopies(300, "\"FRUITICO\"")) + "]}", PASSWORD);
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(tooMany.body()).contains("parameter 'ids' is 2,699 characters long", "give fewer ids");

		assertThat(send("GET", "/api/executions?limit=0", null, PASSWORD).body()).contains("at least 1, got 0");
		assertThat(send("GET", "/api/entities/customer/records?limit=-5", null, PASSWORD).body())
			.contains("at least 1, got -5");
		HttpResponse<String> badParameter = send("POST", "/api/jobs/customer-export/executions",
				"{\"launched.at\":\"now\"}", PASSWORD);
		assertThat(badParameter.statusCode()).isEqualTo(400);
		assertThat(badParameter.body()).contains("unknown parameter 'launched.at'; accepted: [");
		assertThat(badParameter.body().substring(badParameter.body().indexOf("accepted"))).doesNotContain("launched");
		assertThat(state.jobExecutionCount()).as("nothing recorded").isZero();
		assertThat(state.jobInstanceCount()).as("no orphan job instance").isZero();
	}

	@Test
	void serveListensOnTheLoopbackInterfaceOnlyByDefault() {
		Connector connector = ((TomcatWebServer) webServerContext.getWebServer()).getTomcat().getConnector();
		InetAddress address = ((AbstractProtocol<?>) connector.getProtocolHandler()).getAddress();
		assertThat(address).as("server.address").isNotNull();
		assertThat(address.isLoopbackAddress()).as(address + " is loopback").isTrue();
	}

	@Test
	void aChangeSentAsAFormOrWithoutTheJsonContentTypeIsRefused() throws Exception {
		String location = send("POST", "/api/jobs/customer-export/executions", "{}", PASSWORD).headers()
			.firstValue("Location")
			.orElseThrow();
		awaitCompleted(location);
		long executions = state.jobExecutionCount();

		HttpResponse<String> form = sendAs("POST", location + "/recover", "application/x-www-form-urlencoded", "a=b");
		assertThat(form.statusCode()).as("a form a page on another site can post").isEqualTo(415);
		assertThat(form.body()).contains("must be sent with Content-Type: application/json");
		assertThat(sendAs("POST", location + "/restart", "text/plain", "{}").statusCode()).isEqualTo(415);
		assertThat(sendAs("POST", location + "/stop", null, null).statusCode())
			.as("a bodiless POST without the JSON content type")
			.isEqualTo(415);
		assertThat(
				sendAs("POST", "/api/jobs/customer-export/executions", "application/x-www-form-urlencoded", "mode=full")
					.statusCode())
			.isEqualTo(415);
		assertThat(state.jobExecutionCount()).as("nothing was launched or restarted").isEqualTo(executions);

		HttpResponse<String> json = sendAs("POST", location + "/stop", "application/json", null);
		assertThat(json.body()).as("a bodiless JSON POST reaches the endpoint").contains("not running");
		HttpResponse<String> launched = sendAs("POST", "/api/jobs/customer-export/executions",
				"application/json; charset=UTF-8", "{}");
		assertThat(launched.statusCode()).isEqualTo(202);
		awaitCompleted(launched.headers().firstValue("Location").orElseThrow());
	}

	@Test
	void aLargeBodyIsRefusedWith413AndBadValuesAreEchoedShort() throws Exception {
		String many = "{\"erpIds\":[" + "\"ABCDEFGHIJ\",".repeat(6000) + "\"X\"]}";
		HttpResponse<String> large = sendAs("POST", "/api/history/customer/retry", "application/json", many);
		assertThat(large.statusCode()).isEqualTo(413);
		assertThat(large.body()).contains("larger than the 64 KB /api reads (syncbatch.api.max-body-size)");

		HttpResponse<String> chunked = http
			.send(HttpRequest.newBuilder(URI.create(base() + "/api/history/customer/retry"))
				.header("Content-Type", "application/json")
				.header("Authorization", basic(PASSWORD))
				.POST(HttpRequest.BodyPublishers
					.ofInputStream(() -> new ByteArrayInputStream(many.getBytes(StandardCharsets.UTF_8))))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chunked.statusCode()).as("a chunked body, without Content-Length").isEqualTo(413);

		String longId = "L".repeat(40) + "M".repeat(1960);
		HttpResponse<String> unknown = sendAs("POST", "/api/history/customer/retry", "application/json",
				"{\"erpIds\":[\"" + longId + "\"]}");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("'" + "L".repeat(40) + "'… (2000 characters)")
			.doesNotContain("LM")
			.hasSizeLessThan(600);

		HttpResponse<String> badJob = sendAs("POST", "/api/jobs/" + "j".repeat(300) + "/executions", "application/json",
				"{}");
		assertThat(badJob.statusCode()).isEqualTo(400);
		assertThat(badJob.body()).contains("unknown job '" + "j".repeat(40) + "'…").doesNotContain("j".repeat(41));
	}

	@Test
	void aParameterWithAControlCharacterIsRefusedNamingIt() throws Exception {
		HttpResponse<String> launch = sendAs("POST", "/api/jobs/customer-export/executions", "application/json",
				"{\"mode\":\"full\\nINFO forged\"}");
		assertThat(launch.statusCode()).isEqualTo(400);
		assertThat(launch.body()).contains("parameter 'mode' holds a control character (U+000A)");
		HttpResponse<String> retry = sendAs("POST", "/api/history/customer/retry", "application/json",
				"{\"erpIds\":[\"FRUITICO\",\"BERRY\\rBAR\"]}");
		assertThat(retry.statusCode()).isEqualTo(400);
		assertThat(retry.body()).contains("ERP id number 2 holds a control character (U+000D)");
		HttpResponse<String> load = send("GET", "/api/entities/customer/records?customers=FRUITICO%00", null, PASSWORD);
		assertThat(load.statusCode()).isEqualTo(400);
		assertThat(load.body()).contains("filter 'customers' holds a control character (U+0000)");
		assertThat(state.jobExecutionCount()).isZero();
	}

	@Test
	void theHistoryComesInPagesWithALinkToTheNext() throws Exception {
		awaitCompleted(send("POST", "/api/jobs/customer-export/executions", "{}", PASSWORD).headers()
			.firstValue("Location")
			.orElseThrow());

		List<String> paged = new ArrayList<>();
		String next = "/api/history/customer?limit=3";
		int pages = 0;
		while (next != null) {
			HttpResponse<String> page = send("GET", next, null, PASSWORD);
			assertThat(page.statusCode()).isEqualTo(200);
			JsonNode records = JSON.readTree(page.body());
			assertThat(records.size()).isBetween(1, 3);
			records.forEach(record -> paged.add(record.path("erpId").asString()));
			next = page.headers()
				.firstValue("Link")
				.map(link -> link.replaceFirst("^<([^>]+)>; rel=\"next\"$", "$1"))
				.orElse(null);
			pages++;
		}
		assertThat(pages).isEqualTo(3);
		assertThat(paged).containsExactly("ABCSTUDIOS", "BERRYBAR", "EC00003", "FRUITICO", "JAMIFIQUE", "MAPLELEAF",
				"MARMALADO", "ORCHARDCO");

		HttpResponse<String> all = send("GET", "/api/history/customer", null, PASSWORD);
		assertThat(JSON.readTree(all.body()).size()).as("the default page size, 100").isEqualTo(8);
		assertThat(all.headers().firstValue("Link")).isEmpty();
		HttpResponse<String> failed = send("GET", "/api/history/customer?status=FILTERED&limit=2", null, PASSWORD);
		assertThat(failed.headers().firstValue("Link").orElseThrow()).contains("status=FILTERED", "limit=2");
		HttpResponse<String> tooMany = send("GET", "/api/history/customer?limit=1001", null, PASSWORD);
		assertThat(tooMany.statusCode()).isEqualTo(400);
		assertThat(tooMany.body()).contains("parameter 'limit': '1001' is not a page size from 1 to 1000");
	}

	private String awaitCompleted(String location) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (true) {
			String body = send("GET", location, null, PASSWORD).body();
			if (!body.contains("\"status\":\"STARTING\"") && !body.contains("\"status\":\"STARTED\"")) {
				return body;
			}
			assertThat(Instant.now()).as("the job ended").isBefore(deadline);
			Thread.sleep(50);
		}
	}

	private HttpResponse<String> sendAs(String method, String path, String contentType, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.header("Authorization", basic(PASSWORD));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://127.0.0.1:" + port;
	}

	private static String basic(String password) {
		return "Basic " + Base64.getEncoder().encodeToString(("ops:" + password).getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> send(String method, String path, String json, String password) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method,
					json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		// Every change is sent as JSON, with or without a body, as the API requires.
		if (json != null || !"GET".equals(method)) {
			request.header("Content-Type", "application/json");
		}
		if (password != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString(("ops:" + password).getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
