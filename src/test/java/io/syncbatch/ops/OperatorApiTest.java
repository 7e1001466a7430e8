package io.syncbatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.secrets.Secrets;
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
		assertThat(jobs.body()).isEqualTo("[\"category-export\",\"customer-export\",\"customer-location-export\","
				+ "\"invoice-export\",\"order-status-export\",\"product-export\",\"sales-order-export\","
				+ "\"shipment-export\"]");
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

	private HttpResponse<String> send(String method, String path, String json, String password) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method,
					json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (password != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString(("ops:" + password).getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
