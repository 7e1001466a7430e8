package io.syncbatch.sandbox;

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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
        assertThat(data.get(0).get("date_modified").stringValue()).isEqualTo(data.get(0).get("date_created").stringValue());
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
        assertThat(errors.propertyNames()).containsExactlyInAnyOrder(
                "1.first_name", "1.last_name", "2.email", "2.first_name");
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
                .containsExactly(
                        tuple(1, "Anne", "Lee", "bob@example.com", "Initech"),
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
        assertThat(byEmail.body().get("data").findValuesAsString("email"))
                .containsExactly("bob@example.com", "cat@example.com");
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
    void rejectsRequestsWithoutTheRightToken() throws Exception {
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/customers")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(base + "/v3/customers"))
                        .header("X-Auth-Token", "nope")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "[{\"email\":\"a@example.com\",\"first_name\":\"A\",\"last_name\":\"B\"}]"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

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
                            "[{\"email\":\"c%d@example.com\",\"first_name\":\"F\",\"last_name\":\"L\"}]".formatted(i % 20))))
                    .toList();
            int created = 0;
            for (Future<Reply> reply : replies) {
                if (reply.get().status() == 200) {
                    created++;
                }
            }
            assertThat(created).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.customers()).extracting(c -> c.get("id"))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
    }

    private record Reply(int status, JsonNode body) {
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
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), json.readTree(response.body()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
