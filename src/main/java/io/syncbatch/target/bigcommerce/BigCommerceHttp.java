package io.syncbatch.target.bigcommerce;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import io.syncbatch.metrics.SyncMeters;
import io.syncbatch.target.RateLimitGate;
import io.syncbatch.target.StoreEndpoint;
import io.syncbatch.target.StoreRejectedException;
import io.syncbatch.target.TransientTargetException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP exchange with a BigCommerce API, sorted into what is worth retrying (the store could not answer
 * now) and what is not (the store refused the content). Requests to a store wait while its rate limit says so.
 */
@Component
public class BigCommerceHttp {

    private final RestClient.Builder builder;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration longestWait;
    private final SyncMeters meters;
    private final Map<StoreEndpoint, RestClient> clients = new ConcurrentHashMap<>();
    private final Map<String, RateLimitGate> gates = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();

    public BigCommerceHttp(RestClient.Builder builder, JsonMapper json, Clock clock,
            @Value("${syncbatch.retry.longest-rate-limit-wait:PT5M}") Duration longestWait, SyncMeters meters) {
        this.builder = builder;
        this.json = json;
        this.clock = clock;
        this.longestWait = longestWait;
        this.meters = meters;
    }

    /**
     * Sends one request and returns the response body. Retrying is the caller's decision ({@link
     * io.syncbatch.target.StoreWrites}): only it knows whether a request is safe to repeat.
     *
     * @param query URI template variables already in {@code pathAndQuery}, e.g. {@code /customers?email:in={emails}}
     */
    public JsonNode send(StoreEndpoint endpoint, HttpMethod method, String pathAndQuery, Map<String, ?> query,
            Object body) {
        RestClient client = clients.computeIfAbsent(endpoint, this::client);
        RateLimitGate gate = gates.computeIfAbsent(endpoint.name(),
                name -> new RateLimitGate(clock, longestWait, wait -> meters.waitedForRateLimit(name, wait)));
        // One limit per store, whoever sends: a chunk's concurrent batches, its lookups, and other partitions.
        Semaphore permits = inFlight.computeIfAbsent(endpoint.name(), name -> new Semaphore(endpoint.concurrency()));
        try {
            permits.acquire();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientTargetException("interrupted while waiting to send to " + endpoint.name(), e);
        }
        try {
            // Only once it may send, so that a pause the store asked for meanwhile is not overtaken.
            gate.awaitOpen();
            RestClient.RequestBodySpec request = client.method(method).uri(pathAndQuery, query);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.exchange((req, response) -> {
                int status = response.getStatusCode().value();
                String text = StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8);
                RateLimitHeaders.pauseRequested(status, response.getHeaders()).ifPresent(gate::closeFor);
                if (status == 429 || status >= 500) {
                    throw new TransientTargetException(describe(method, pathAndQuery, endpoint) + " answered " + status
                            + ": " + abbreviate(text), null);
                }
                if (status >= 400) {
                    throw new StoreRejectedException(BigCommerceErrors.message(json, status, text));
                }
                return text.isBlank() ? json.createObjectNode() : json.readTree(text);
            });
        }
        catch (ResourceAccessException e) {
            throw new TransientTargetException(describe(method, pathAndQuery, endpoint) + " failed: "
                    + rootMessage(e), e);
        }
        finally {
            permits.release();
        }
    }

    private RestClient client(StoreEndpoint endpoint) {
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(endpoint.timeout());
        if ("http".equalsIgnoreCase(endpoint.baseUri().getScheme())) {
            // Cleartext HTTP/2 starts with an upgrade that concurrent requests trip over (RST_STREAM on Jetty);
            // over TLS the client and BigCommerce agree on HTTP/2 properly.
            http.version(HttpClient.Version.HTTP_1_1);
        }
        // Without an executor of its own, Spring's request factory starts a new thread for every request body.
        CustomizableThreadFactory threads = new CustomizableThreadFactory("store-" + endpoint.name() + "-io-");
        threads.setDaemon(true);
        ExecutorService io = Executors.newCachedThreadPool(threads);
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http.executor(io).build(), io);
        factory.setReadTimeout(endpoint.timeout());
        return builder.clone()
                .baseUrl(endpoint.baseUri().toString())
                .requestFactory(factory)
                .defaultHeader("X-Auth-Token", endpoint.accessToken())
                .defaultHeader("Accept", MediaType.APPLICATION_JSON_VALUE)
                // The catalog and orders contracts require it on every request, GETs included.
                .defaultHeader("Content-Type", MediaType.APPLICATION_JSON_VALUE)
                .build();
    }

    private static String describe(HttpMethod method, String path, StoreEndpoint endpoint) {
        return method + " " + path.replaceFirst("\\?.*", "") + " on store " + endpoint.name();
    }

    /** The first I/O failure in the chain says what happened (ConnectException, HttpTimeoutException…). */
    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof IOException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
