package io.syncbatch.connector.bigcommerce.sandbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.sandbox.Router;
import io.syncbatch.connector.sandbox.Reply;
import io.syncbatch.connector.sandbox.SandboxApi;
import io.syncbatch.connector.sandbox.SandboxExchange;
import io.syncbatch.connector.sandbox.SandboxServer;
import io.syncbatch.connector.sandbox.SandboxRequest;
import io.syncbatch.connector.sandbox.SandboxRejection;
import io.syncbatch.connector.sandbox.StoreData;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for a BigCommerce store over real HTTP, serving the parts of the v3
 * and v2 APIs that the engine exports to.
 *
 * <p>
 * It exists so that the application can run end to end without internet access and so
 * that tests exercise real HTTP. Below the store root {@code /stores/{storeHash}} it
 * serves, following the published contracts in shared/contracts/bigcommerce:
 * <ul>
 * <li>{@code /v3/customers} and {@code /v3/customers/addresses}: GET, and POST/PUT
 * batches of at most 10 that are all-or-nothing (one invalid item rejects the batch with
 * 422);</li>
 * <li>{@code /v3/catalog/products} (GET, POST one, PUT a batch of at most 10),
 * {@code /v3/catalog/products/{id}} (GET), {@code /v3/catalog/categories} (GET, POST one)
 * and {@code /v3/catalog/categories/{id}} (GET, PUT);</li>
 * <li>{@code /v2/orders} (GET, POST), {@code /v2/orders/{id}} (GET, PUT),
 * {@code /v2/orders/{id}/products} and {@code /shipping_addresses} (GET),
 * {@code /v2/orders/{id}/shipments} (GET, POST), {@code /v2/orders/{id}/shipments/{id}}
 * (GET, PUT) and {@code /v2/order_statuses} (GET).</li>
 * </ul>
 * v3 answers {@code {"data": ..., "meta": ...}} and errors as {@code {status, title,
 * type, errors}}; v2 answers bare JSON, 204 without a body for an empty list, and errors
 * as {@code [{"status": ..., "message": ...}]}. Every request needs the
 * {@code X-Auth-Token} (401), every body {@code application/json} (415); an unknown route
 * is 404, and a query parameter the sandbox does not implement is 400 instead of being
 * ignored, because silently ignoring a filter would return the wrong records.
 *
 * <p>
 * With a data file, every resource survives JVM restarts (a file from before addresses,
 * catalog and orders, with customers only, is still read); without one they live in
 * memory only.
 */
public final class SandboxStore implements AutoCloseable {

	private final String storeHash;

	private final byte[] accessToken;

	private final int requestedPort;

	private final String basePath;

	private final JsonMapper mapper;

	private final Replies replies;

	private final StoreData data;

	private final Router router = new Router();

	private final CustomerBook customers;

	private final AddressBook addresses;

	private final CategoryBook categories;

	private final ProductBook products;

	private final OrderBook orders;

	private final ShipmentBook shipments;

	private final HookBook hooks;

	private final HookDeliveries deliveries;

	private final SandboxServer server;

	private final Object lifecycleLock = new Object();

	private @Nullable URI baseUri;

	private boolean demoShoppers;

	/**
	 * @param storeHash the store hash that appears in the base path
	 * @param accessToken the value clients must send in {@code X-Auth-Token}
	 * @param port the port to listen on at 127.0.0.1, or 0 for a free one
	 * @param dataFileOrNull where the store's data is kept between runs, or {@code null}
	 * for memory only
	 */
	public SandboxStore(String storeHash, String accessToken, int port, @Nullable Path dataFileOrNull) {
		this(storeHash, accessToken, port, dataFileOrNull, Clock.systemUTC());
	}

	/** With the clock that dates every change, so tests can hold time still. */
	SandboxStore(String storeHash, String accessToken, int port, @Nullable Path dataFileOrNull, Clock clock) {
		this.storeHash = requireText(storeHash, "storeHash");
		this.accessToken = requireText(accessToken, "accessToken").getBytes(StandardCharsets.UTF_8);
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
		}
		this.requestedPort = port;
		this.basePath = "/stores/" + storeHash;
		this.mapper = JsonMapper.builder().build();
		this.replies = new Replies(mapper);
		this.data = new StoreData(mapper, dataFileOrNull, SandboxTables.ALL, SandboxTables.FORMAT, true);
		this.customers = new CustomerBook(data, replies, mapper, clock);
		this.addresses = new AddressBook(data, replies, mapper);
		this.categories = new CategoryBook(data, replies, mapper);
		this.products = new ProductBook(data, replies, mapper, clock);
		this.orders = new OrderBook(data, replies, mapper, clock);
		this.shipments = new ShipmentBook(data, replies, mapper, clock);
		this.hooks = new HookBook(data, replies, mapper, storeHash);
		this.deliveries = new HookDeliveries(hooks, mapper, storeHash);
		customers.addRoutes(router);
		addresses.addRoutes(router);
		categories.addRoutes(router);
		products.addRoutes(router);
		orders.addRoutes(router);
		shipments.addRoutes(router);
		hooks.addRoutes(router);
		this.server = new SandboxServer("sandbox-store-" + storeHash, new Api(), mapper);
	}

	/**
	 * Shoppers who signed up in the store itself, which a store that starts without a
	 * data file gets as its first customers: seed 004's "customers created directly in
	 * the BigCommerce store", for imports to find; the first of them has placed the
	 * store's first order. Call before {@link #start()}.
	 */
	public SandboxStore withDemoShoppers() {
		demoShoppers = true;
		return this;
	}

	/**
	 * Loads the data file (if any), starts listening and returns the store root clients
	 * append the API version to, e.g. {@code http://127.0.0.1:8123/stores/abc} for
	 * {@code .../stores/abc/v3/customers}.
	 */
	public URI start() {
		synchronized (lifecycleLock) {
			if (baseUri != null) {
				throw new IllegalStateException("SandboxStore is already running at " + baseUri);
			}
			if (!data.load() && demoShoppers) {
				ObjectNode firstShopper = customers.create(DemoShoppers.customers(mapper)).get(0);
				orders.create(DemoShoppers.order(mapper, firstShopper), basePath);
			}
			baseUri = URI.create(server.start(requestedPort) + basePath);
			return baseUri;
		}
	}

	/**
	 * Stops listening; the data is kept (in memory and, if configured, on disk) for a
	 * later {@link #start()}.
	 */
	public void stop() {
		synchronized (lifecycleLock) {
			server.stop();
			baseUri = null;
		}
	}

	@Override
	public void close() {
		stop();
		deliveries.close();
	}

	/**
	 * The store root, e.g. {@code http://127.0.0.1:8123/stores/abc} (no API version);
	 * only while running.
	 */
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
		return customers.snapshot();
	}

	/**
	 * A copy of every customer address as {@code GET /v3/customers/addresses} returns it,
	 * ordered by id.
	 */
	public List<Map<String, Object>> addresses() {
		return addresses.snapshot();
	}

	/**
	 * A copy of every catalog product as {@code GET /v3/catalog/products/{id}} returns
	 * it, ordered by id.
	 */
	public List<Map<String, Object>> products() {
		return products.snapshot();
	}

	/**
	 * A copy of every category as {@code GET /v3/catalog/categories/{id}} returns it,
	 * ordered by id.
	 */
	public List<Map<String, Object>> categories() {
		return categories.snapshot();
	}

	/**
	 * A copy of every order as {@code GET /v2/orders/{id}} returns it, ordered by id. Its
	 * resource links start with {@link #baseUri()} while running, and with the bare path
	 * {@code /stores/{hash}} otherwise.
	 */
	public List<Map<String, Object>> orders() {
		String linkBase;
		synchronized (lifecycleLock) {
			linkBase = baseUri == null ? basePath : baseUri.toString();
		}
		return orders.snapshot(linkBase);
	}

	/**
	 * A copy of every shipment of every order (each with its {@code order_id}), ordered
	 * by id.
	 */
	public List<Map<String, Object>> shipments() {
		return shipments.snapshot();
	}

	/**
	 * A snapshot of the store's webhooks, each as {@code GET /v3/hooks/{id}} returns it.
	 */
	public List<Map<String, Object>> hooks() {
		return hooks.snapshot();
	}

	/**
	 * Removes everything and restarts every id at 1 (also in the data file, if
	 * configured).
	 */
	public void clear() {
		data.clear();
	}

	/** BigCommerce's routes and error shapes: v2's for v2 paths, v3's elsewhere. */
	private final class Api implements SandboxApi {

		@Override
		public Reply answer(SandboxExchange exchange) {
			String path = exchange.rawPath();
			if (!authorized(exchange.header("X-Auth-Token"))) {
				throw new SandboxRejection(401, "No valid credentials were found in this request", Map.of());
			}
			if (!path.startsWith(basePath + "/")) {
				throw new SandboxRejection(404, "The route " + path + " is not found in this sandbox store", Map.of());
			}
			Router.Match match;
			try {
				match = router.find(exchange.method(), path.substring(basePath.length()), exchange.query());
			}
			catch (SandboxRejection e) {
				// Name the whole path, as the client sent it.
				throw e.status() == 404 ? new SandboxRejection(404,
						"The route " + path + " is not found in this sandbox store", Map.of()) : e;
			}
			// Links point back at whatever host the client reached, as BigCommerce's
			// point
			// at its own.
			SandboxRequest request = new SandboxRequest(exchange.method(), match.segments(), exchange.query(),
					exchange.body(), exchange.header("Content-Type"), exchange.origin() + basePath, mapper);
			Reply reply = match.route().handler().apply(request);
			deliveries.after(exchange.method(), path.substring(basePath.length()), exchange.query(), reply);
			return reply;
		}

		@Override
		public Reply refusal(SandboxRejection rejection, SandboxExchange exchange) {
			return exchange.rawPath().startsWith(basePath + "/v2/")
					? replies.v2Error(rejection.status(), rejection.title(), rejection.errors())
					: replies.v3Error(rejection.status(), rejection.title(), rejection.errors());
		}

	}

	private boolean authorized(@Nullable String token) {
		// Constant-time comparison, as a real API would, so the sandbox sets no bad
		// example.
		return token != null && MessageDigest.isEqual(accessToken, token.getBytes(StandardCharsets.UTF_8));
	}

	private static String requireText(String value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
		return value;
	}

}
