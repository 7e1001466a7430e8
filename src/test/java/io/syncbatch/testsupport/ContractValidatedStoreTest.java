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

    /** One fixture for the rejecting cases, so the 190 KB contract is parsed once for all of them. */
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

        List<ServeEvent> events = shared.wireMock().getAllServeEvents();
        assertThat(events).extracting(event -> event.getResponse().getStatus())
                .containsExactlyInAnyOrder(200, 422, 200, 422, 200);
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

        assertThatThrownBy(shared::assertAllRequestsMatchContract)
                .isInstanceOf(AssertionError.class)
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

        assertThatThrownBy(shared::assertAllRequestsMatchContract)
                .hasMessageContaining("first_name")
                .hasMessageContaining("101")
                .hasMessageContaining("100");
    }

    @Test
    void queryParameterOfTheWrongTypeIsReported() throws Exception {
        shared.reset();

        send(shared, "GET", "/v3/customers?page=first", null);
        send(shared, "GET", "/v3/customers?id:in=1,two", null);

        assertThatThrownBy(shared::assertAllRequestsMatchContract)
                .hasMessageContaining("2 of 2 requests")
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

        assertThatThrownBy(shared::assertAllRequestsMatchContract)
                .hasMessageContaining("2 of 2 requests")
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
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThatThrownBy(shared::assertAllRequestsMatchContract)
                .hasMessageContaining("3 of 3 requests")
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
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        shared.assertAllRequestsMatchContract();
    }

    @Test
    void higherPriorityStubsInjectFaultsWhileOtherTrafficStillReachesTheSandbox() throws Exception {
        shared.reset();
        shared.wireMock().stubFor(post(urlPathEqualTo(shared.baseUri().getPath() + "/v3/customers"))
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
        assertThatThrownBy(() -> ContractValidatedStore.start("bigcommerce/no-such-contract.yml"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no-such-contract.yml")
                .hasMessageContaining("SYNCBATCH_CONTRACTS");
    }

    @Test
    void aStoreOfChosenContractsRefusesPathsOnlyTheOthersDeclare() throws Exception {
        try (ContractValidatedStore customersOnly = ContractValidatedStore.start(ContractValidatedStore.CUSTOMERS_CONTRACT)) {
            assertThat(customersOnly.contractWarnings()).isEmpty();
            assertThat(customersOnly.baseUri().getPath()).isEqualTo("/stores/" + customersOnly.storeHash());
            send(customersOnly, "GET", "/v3/customers?page=1", null);
            customersOnly.assertAllRequestsMatchContract();

            send(customersOnly, "GET", "/v3/catalog/products?page=1&limit=10", null);
            assertThatThrownBy(customersOnly::assertAllRequestsMatchContract)
                    .hasMessageContaining("1 of 2 requests")
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

    /** The fixture registered as a JUnit extension: it asserts the contract and resets after each test. */
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
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
