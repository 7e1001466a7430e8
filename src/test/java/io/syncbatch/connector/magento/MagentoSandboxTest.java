package io.syncbatch.connector.magento;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpMethod;

import io.syncbatch.connector.magento.sandbox.MagentoSandbox;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local Magento sandbox answers as Magento does: it checks each request's OAuth 1.0a
 * signature (or bearer token), refuses in Magento's {@code {message, parameters}} shape,
 * and answers a page past the last with the last page again.
 */
class MagentoSandboxTest {

	private static final OAuthSigner.Credentials CREDENTIALS = new OAuthSigner.Credentials("ck", "cs", "at", "ats");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private MagentoSandbox sandbox;

	private URI root;

	@AfterEach
	void stop() {
		sandbox.close();
	}

	private void start(Path dataFile) {
		sandbox = new MagentoSandbox(CREDENTIALS, 0, dataFile, Clock.systemUTC());
		root = URI.create(sandbox.start() + "/rest/" + MagentoSandbox.STORE_CODE);
	}

	@Test
	void aSignedRequestIsServedAndAnUnsignedOrWronglySignedOneIsRefusedInMagentosWords() throws Exception {
		start(null);
		OAuthSigner signer = new OAuthSigner(CREDENTIALS, OAuthSigner.SignatureMethod.HMAC_SHA256, Clock.systemUTC());
		URI search = URI.create(root + "/V1/customers/search?searchCriteria%5BpageSize%5D=10");

		Answer signed = send("GET", search, signer.header(HttpMethod.GET, search), null);
		Answer unsigned = send("GET", search, null, null);
		OAuthSigner other = new OAuthSigner(new OAuthSigner.Credentials("ck", "wrong secret", "at", "ats"),
				OAuthSigner.SignatureMethod.HMAC_SHA256, Clock.systemUTC());
		Answer forged = send("GET", search, other.header(HttpMethod.GET, search), null);

		assertThat(signed.status()).isEqualTo(200);
		assertThat(signed.body().path("total_count").asInt()).isZero();
		for (Answer refused : List.of(unsigned, forged)) {
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.body().path("message").asString())
				.isEqualTo("The consumer isn't authorized to access %resources.");
			assertThat(refused.body().path("parameters").path("resources").asString())
				.isEqualTo("Magento_Customer::manage");
		}
	}

	@Test
	void aSecondCustomerWithAnEmailOrAFieldACustomerDoesNotHaveIsRefused() throws Exception {
		start(null);
		assertThat(create("{\"customer\":{\"email\":\"ann@example.com\",\"firstname\":\"Ann\",\"lastname\":\"Lee\"}}")
			.status()).isEqualTo(200);

		Answer twice = create("{\"customer\":{\"email\":\"ANN@example.com\",\"firstname\":\"A\",\"lastname\":\"L\"}}");
		Answer bigCommerceNames = create(
				"{\"customer\":{\"email\":\"bob@example.com\",\"first_name\":\"Bob\",\"lastname\":\"Ray\"}}");
		Answer noLastName = create("{\"customer\":{\"email\":\"cy@example.com\",\"firstname\":\"Cy\"}}");

		assertThat(twice.status()).isEqualTo(400);
		assertThat(twice.body().path("message").asString())
			.isEqualTo("A customer with the same email address already exists in an associated website.");
		assertThat(bigCommerceNames.status()).isEqualTo(400);
		assertThat(bigCommerceNames.body().path("parameters").path("fieldName").asString()).isEqualTo("FirstName");
		assertThat(noLastName.body().path("message").asString())
			.isEqualTo("\"%fieldName\" is required. Enter and try again.");
		assertThat(noLastName.body().path("parameters").path("fieldName").asString()).isEqualTo("lastname");
		assertThat(sandbox.customers()).hasSize(1);
	}

	@Test
	void aPagePastTheLastAnswersTheLastPageAgainAndCustomersSurviveARestart(@TempDir Path dir) throws Exception {
		Path dataFile = dir.resolve("magento.json");
		start(dataFile);
		for (String name : List.of("ann", "bob", "cy")) {
			create("{\"customer\":{\"email\":\"" + name + "@example.com\",\"firstname\":\"" + name
					+ "\",\"lastname\":\"Lee\"}}");
		}
		sandbox.stop();
		start(dataFile);

		URI pastTheEnd = URI.create(root + "/V1/customers/search?searchCriteria%5BpageSize%5D=2"
				+ "&searchCriteria%5BcurrentPage%5D=5&searchCriteria%5BsortOrders%5D%5B0%5D%5Bfield%5D=email");
		Answer answer = send("GET", pastTheEnd, "Bearer at", null);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body().path("total_count").asInt()).isEqualTo(3);
		assertThat(answer.body().path("items").findValuesAsString("email")).containsExactly("cy@example.com");
	}

	@Test
	void aNewDemoStoreStartsWithAShopperAndHerOrderOnceNotAgainAfterARestart(@TempDir Path dir) {
		Path dataFile = dir.resolve("magento.json");
		sandbox = new MagentoSandbox(CREDENTIALS, 0, dataFile, Clock.systemUTC()).withDemoShopper();
		sandbox.start();

		assertThat(sandbox.customers()).singleElement()
			.satisfies(customer -> assertThat(customer).containsEntry("email", "info@fruitico.example"));
		assertThat(sandbox.orders()).singleElement().satisfies(order -> {
			assertThat(String.valueOf(order.get("customer_id")))
				.isEqualTo(String.valueOf(sandbox.customers().get(0).get("id")));
			assertThat(order).containsEntry("status", "pending");
			assertThat((List<?>) order.get("items")).hasSize(2);
		});

		sandbox.stop();
		sandbox = new MagentoSandbox(CREDENTIALS, 0, dataFile, Clock.systemUTC()).withDemoShopper();
		sandbox.start();
		assertThat(sandbox.orders()).as("a store with data keeps its own").hasSize(1);
	}

	@Test
	void anUpdateWithoutAddressesKeepsThemAndAnUnknownCustomerIsNoSuchEntity() throws Exception {
		start(null);
		Answer created = create(
				"{\"customer\":{\"email\":\"ann@example.com\",\"firstname\":\"Ann\",\"lastname\":\"Lee\","
						+ "\"addresses\":[{\"firstname\":\"Ann\",\"lastname\":\"Lee\",\"street\":[\"1 Main St\"],"
						+ "\"city\":\"Springfield\",\"country_id\":\"GB\",\"telephone\":\"+44 20 7946 0000\"}]}}");
		long id = created.body().path("id").asLong();

		Answer updated = send("PUT", URI.create(root + "/V1/customers/" + id), "Bearer at", "{\"customer\":{\"id\":"
				+ id + ",\"email\":\"ann@example.com\",\"firstname\":\"Anne\",\"lastname\":\"Lee\"}}");
		Answer unknown = send("PUT", URI.create(root + "/V1/customers/99"), "Bearer at",
				"{\"customer\":{\"email\":\"zed@example.com\",\"firstname\":\"Zed\",\"lastname\":\"Lee\"}}");

		assertThat(updated.body().path("firstname").asString()).isEqualTo("Anne");
		assertThat(updated.body().path("addresses")).hasSize(1);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(MagentoErrors.message(JSON, 404, JSON.writeValueAsString(unknown.body())))
			.contains("No such entity with customerId = 99");
	}

	private Answer create(String body) throws Exception {
		return send("POST", URI.create(root + "/V1/customers"), "Bearer at", body);
	}

	private record Answer(int status, JsonNode body) {
	}

	private Answer send(String method, URI uri, String authorization, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), JSON.readTree(response.body()));
	}

}
