package io.syncbatch.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for a BigCommerce store that serves the v3 customers endpoint over real HTTP.
 *
 * <p>It exists so that the application can run end to end without internet access and so that tests
 * exercise real HTTP. It implements {@code GET}, {@code POST} and {@code PUT /customers} under
 * {@code /stores/{storeHash}/v3} following the published contract (shared/contracts/bigcommerce/customers.v3.yml),
 * including BigCommerce's all-or-nothing batch semantics: one invalid item rejects the whole batch with 422.
 * Query parameters it does not implement are answered with 400 instead of being ignored, because silently
 * ignoring a filter would return the wrong customers.
 *
 * <p>With a data file, customers survive JVM restarts; without one they live in memory only.
 */
public final class SandboxStore implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final String ERROR_TYPE = "https://developer.bigcommerce.com/api#api-status-codes";
    private static final Set<String> SUPPORTED_QUERY = Set.of("email:in", "id:in", "page", "limit");

    private final String storeHash;
    private final byte[] accessToken;
    private final int requestedPort;
    private final String basePath;
    private final JsonMapper mapper;
    private final CustomerBook book;
    private final Object lifecycleLock = new Object();

    private HttpServer server;
    private ExecutorService executor;
    private URI baseUri;

    /**
     * @param storeHash      the store hash that appears in the base path
     * @param accessToken    the value clients must send in {@code X-Auth-Token}
     * @param port           the port to listen on at 127.0.0.1, or 0 for a free one
     * @param dataFileOrNull where customers are kept between runs, or {@code null} for memory only
     */
    public SandboxStore(String storeHash, String accessToken, int port, Path dataFileOrNull) {
        this.storeHash = requireText(storeHash, "storeHash");
        this.accessToken = requireText(accessToken, "accessToken").getBytes(StandardCharsets.UTF_8);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        this.requestedPort = port;
        this.basePath = "/stores/" + storeHash + "/v3";
        this.mapper = JsonMapper.builder().build();
        this.book = new CustomerBook(mapper, dataFileOrNull, Clock.systemUTC());
    }

    /** Loads the data file (if any), starts listening and returns the base URI clients should use. */
    public URI start() {
        synchronized (lifecycleLock) {
            if (server != null) {
                throw new IllegalStateException("SandboxStore is already running at " + baseUri);
            }
            book.load();
            ExecutorService pool = Executors.newFixedThreadPool(4, new DaemonThreads("sandbox-store-" + storeHash));
            try {
                HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), requestedPort), 0);
                created.createContext("/", this::handle);
                created.setExecutor(pool);
                created.start();
                server = created;
                executor = pool;
                baseUri = URI.create("http://" + LOOPBACK + ":" + created.getAddress().getPort() + basePath);
                return baseUri;
            } catch (IOException e) {
                pool.shutdownNow();
                throw new UncheckedIOException("Cannot listen on " + LOOPBACK + ":" + requestedPort, e);
            }
        }
    }

    /** Stops listening; customers are kept (in memory and, if configured, on disk) for a later {@link #start()}. */
    public void stop() {
        synchronized (lifecycleLock) {
            if (server == null) {
                return;
            }
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
            baseUri = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The base URI, e.g. {@code http://127.0.0.1:8123/stores/abc/v3}; only while running. */
    public URI baseUri() {
        synchronized (lifecycleLock) {
            if (baseUri == null) {
                throw new IllegalStateException("SandboxStore is not running");
            }
            return baseUri;
        }
    }

    public String storeHash() {
        return storeHash;
    }

    /** A copy of every stored customer as the API would return it, ordered by id. */
    public List<Map<String, Object>> customers() {
        return book.snapshot();
    }

    /** Removes every customer and restarts ids at 1 (also in the data file, if configured). */
    public void clear() {
        book.clear();
    }

    private void handle(HttpExchange exchange) {
        try {
            Reply reply;
            try {
                reply = route(exchange);
            } catch (SandboxRejection e) {
                reply = error(e.status(), e.title(), e.errors());
            } catch (RuntimeException e) {
                reply = error(500, "Sandbox store failed: " + e, Map.of());
            }
            send(exchange, reply);
        } catch (IOException e) {
            // The client went away; there is nobody left to tell.
        } finally {
            exchange.close();
        }
    }

    private Reply route(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (!authorized(exchange.getRequestHeaders().getFirst("X-Auth-Token"))) {
            return error(401, "No valid credentials were found in this request", Map.of());
        }
        String path = exchange.getRequestURI().getRawPath();
        if (!path.equals(basePath + "/customers")) {
            return error(404, "The route " + path + " is not found in this sandbox store", Map.of());
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        switch (method) {
            case "GET":
                return list(parseQuery(exchange.getRequestURI().getRawQuery()));
            case "POST":
                return collection(book.create(readJson(exchange, body)), mapper.createObjectNode());
            case "PUT":
                return collection(book.update(readJson(exchange, body)), mapper.createObjectNode());
            default:
                exchange.getResponseHeaders().set("Allow", "GET, POST, PUT");
                return error(405, "Method " + method + " is not supported by this sandbox store", Map.of());
        }
    }

    private boolean authorized(String token) {
        // Constant-time comparison, as a real API would, so the sandbox sets no bad example.
        return token != null && MessageDigest.isEqual(accessToken, token.getBytes(StandardCharsets.UTF_8));
    }

    private Reply list(Map<String, String> query) {
        for (String name : query.keySet()) {
            if (!SUPPORTED_QUERY.contains(name)) {
                throw SandboxRejection.badRequest("Query parameter " + name + " is not supported by this sandbox store"
                        + " (supported: email:in, id:in, page, limit)");
            }
        }
        Set<String> emails = null;
        if (query.containsKey("email:in")) {
            emails = new HashSet<>();
            for (String email : query.get("email:in").split(",")) {
                if (!email.isBlank()) {
                    emails.add(email.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        Set<Integer> ids = null;
        if (query.containsKey("id:in")) {
            ids = new HashSet<>();
            for (String id : query.get("id:in").split(",")) {
                if (!id.isBlank()) {
                    ids.add(positiveInt("id:in", id.trim()));
                }
            }
        }
        int page = query.containsKey("page") ? positiveInt("page", query.get("page")) : 1;
        int limit = query.containsKey("limit")
                ? Math.min(positiveInt("limit", query.get("limit")), CustomerBook.MAX_LIMIT)
                : CustomerBook.DEFAULT_LIMIT;

        CustomerBook.Page result = book.find(emails, ids, page, limit);
        ObjectNode pagination = mapper.createObjectNode();
        pagination.put("total", result.total());
        pagination.put("count", result.items().size());
        pagination.put("per_page", result.limit());
        pagination.put("current_page", result.page());
        pagination.put("total_pages", result.totalPages());
        ObjectNode links = pagination.putObject("links");
        if (page > 1) {
            links.put("previous", "?page=" + (page - 1) + "&limit=" + limit);
        }
        links.put("current", "?page=" + page + "&limit=" + limit);
        if (page < result.totalPages()) {
            links.put("next", "?page=" + (page + 1) + "&limit=" + limit);
        }
        ObjectNode meta = mapper.createObjectNode();
        meta.set("pagination", pagination);
        return collection(result.items(), meta);
    }

    private static int positiveInt(String name, String value) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw SandboxRejection.badRequest("Query parameter " + name + " must be a positive integer, got: " + value);
    }

    private JsonNode readJson(HttpExchange exchange, byte[] body) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new SandboxRejection(415, "Content-Type must be application/json, got: " + contentType, Map.of());
        }
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            throw SandboxRejection.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private Reply collection(List<ObjectNode> customers, ObjectNode meta) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode data = root.putArray("data");
        customers.forEach(data::add);
        root.set("meta", meta);
        return new Reply(200, root);
    }

    private Reply error(int status, String title, Map<String, String> errors) {
        ObjectNode root = mapper.createObjectNode();
        root.put("status", status);
        root.put("title", title);
        root.put("type", ERROR_TYPE);
        ObjectNode errorFields = root.putObject("errors");
        errors.forEach(errorFields::put);
        return new Reply(status, root);
    }

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            // A repeated parameter is treated as more comma-separated values of the same filter.
            query.merge(name, value, (a, b) -> a + "," + b);
        }
        return query;
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    private record Reply(int status, JsonNode body) {
    }

    /** Daemon threads so that a store someone forgot to stop never keeps the JVM alive. */
    private static final class DaemonThreads implements ThreadFactory {

        private final String prefix;
        private final AtomicInteger counter = new AtomicInteger();

        DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
