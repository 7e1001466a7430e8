package io.syncbatch.connector.magento.sandbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

import io.syncbatch.connector.magento.OAuthSigner;
import io.syncbatch.connector.sandbox.Reply;
import io.syncbatch.connector.sandbox.Router;
import io.syncbatch.connector.sandbox.SandboxApi;
import io.syncbatch.connector.sandbox.SandboxExchange;
import io.syncbatch.connector.sandbox.SandboxRejection;
import io.syncbatch.connector.sandbox.SandboxRequest;
import io.syncbatch.connector.sandbox.SandboxServer;
import io.syncbatch.connector.sandbox.StoreData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for a Magento store over real HTTP, serving the admin REST endpoints
 * the engine uses below {@code /rest/default}, as the published admin schema in
 * contracts/magento describes them: customers with their addresses
 * ({@link CustomerBook}), the countries' regions ({@link DirectoryBook}), categories
 * ({@link CategoryBook}), products ({@link ProductBook}), orders with their comments
 * ({@link OrderBook}), and the orders' shipments and invoices ({@link OrderDocuments}).
 * Every request must carry the integration's OAuth 1.0a signature or its access token as
 * a bearer token (401 otherwise, in Magento's words); refusals read as Magento's
 * ({@code {"message", "parameters"}}).
 *
 * <p>
 * With a data file its data survives JVM restarts; without one it lives in memory.
 */
public final class MagentoSandbox implements AutoCloseable {

	/** The store view the sandbox serves. */
	public static final String STORE_CODE = "default";

	private static final String BASE_PATH = "/rest/" + STORE_CODE;

	private static final String FORMAT = "syncbatch-magento-sandbox/1";

	private final OAuthSigner.Credentials credentials;

	private final byte[] bearer;

	private final int port;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final StoreData data;

	private final Router router = new Router();

	private final CustomerBook customers;

	private final CategoryBook categories;

	private final ProductBook products;

	private final OrderBook orders;

	private final OrderDocuments documents;

	private final SandboxServer server;

	private final Object lifecycleLock = new Object();

	private boolean demoShopper;

	private @Nullable URI origin;

	/**
	 * @param credentials the integration's; its access token is also accepted as a bearer
	 * token
	 * @param port at 127.0.0.1, or 0 for a free one
	 * @param dataFile where the store's data is kept between runs, or null for memory
	 * only
	 */
	public MagentoSandbox(OAuthSigner.Credentials credentials, int port, @Nullable Path dataFile, Clock clock) {
		this.credentials = credentials;
		this.bearer = ("Bearer " + credentials.accessToken()).getBytes(StandardCharsets.UTF_8);
		this.port = port;
		// A data file written before the sandbox kept orders simply has no such tables.
		this.data = new StoreData(mapper, dataFile, List.of(CustomerBook.TABLE, CategoryBook.TABLE, ProductBook.TABLE,
				OrderBook.TABLE, OrderDocuments.SHIPMENTS, OrderDocuments.INVOICES), FORMAT);
		DirectoryBook directory = new DirectoryBook(mapper);
		this.customers = new CustomerBook(data, mapper, clock, directory);
		this.categories = new CategoryBook(data, mapper);
		this.products = new ProductBook(data, mapper, clock);
		this.orders = new OrderBook(data, mapper, clock);
		this.documents = new OrderDocuments(data, mapper, clock);
		customers.addRoutes(router);
		directory.addRoutes(router);
		categories.addRoutes(router);
		products.addRoutes(router);
		orders.addRoutes(router);
		documents.addRoutes(router);
		this.server = new SandboxServer("magento-sandbox", new Api(), mapper);
	}

	/**
	 * Loads the data file (if any), starts listening and returns the store's address, the
	 * {@code api-url} of a store pointed at it, e.g. {@code http://127.0.0.1:8123}.
	 */
	public URI start() {
		synchronized (lifecycleLock) {
			if (origin != null) {
				throw new IllegalStateException("the Magento sandbox is already running at " + origin);
			}
			boolean loaded = data.load();
			categories.plantRoots();
			if (!loaded && demoShopper) {
				plantDemoShopper();
			}
			origin = server.start(port);
			return origin;
		}
	}

	/**
	 * A store without data file yet starts with a shopper who has an order
	 * ({@link DemoShopper}), for imports to find.
	 */
	public MagentoSandbox withDemoShopper() {
		demoShopper = true;
		return this;
	}

	/** Through the store's own routes and rules, as a shopper's requests would go. */
	private void plantDemoShopper() {
		JsonNode customer = served("POST", "/V1/customers", DemoShopper.customer(mapper));
		served("POST", "/V1/orders", DemoShopper.order(mapper, customer.path("id").asLong()));
	}

	private JsonNode served(String method, String path, JsonNode body) {
		Router.Match match = router.find(method, path, Map.of());
		JsonNode answer = match.route()
			.handler()
			.apply(new SandboxRequest(method, match.segments(), Map.of(), mapper.writeValueAsBytes(body),
					"application/json", BASE_PATH, mapper))
			.body();
		return Objects.requireNonNull(answer);
	}

	/** Stops listening; the data is kept for a later {@link #start()}. */
	public void stop() {
		synchronized (lifecycleLock) {
			server.stop();
			origin = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	/** Every customer as {@code GET /V1/customers/{id}} answers it, by id. */
	public List<Map<String, Object>> customers() {
		return customers.snapshot();
	}

	/** Every category, Magento's two roots included, by id. */
	public List<Map<String, Object>> categories() {
		return categories.snapshot();
	}

	/** Every product as {@code GET /V1/products/{sku}} answers it, by id. */
	public List<Map<String, Object>> products() {
		return products.snapshot();
	}

	/** Every order as {@code GET /V1/orders/{id}} answers it, by id. */
	public List<Map<String, Object>> orders() {
		return orders.snapshot();
	}

	/** Every shipment as {@code GET /V1/shipments} answers it, by id. */
	public List<Map<String, Object>> shipments() {
		return documents.shipments();
	}

	/** Every invoice as {@code GET /V1/invoices} answers it, by id. */
	public List<Map<String, Object>> invoices() {
		return documents.invoices();
	}

	/** Removes everything but Magento's two root categories, and starts the ids again. */
	public void clear() {
		data.clear();
		categories.plantRoots();
	}

	private final class Api implements SandboxApi {

		@Override
		public Reply answer(SandboxExchange exchange) {
			String path = exchange.rawPath();
			if (!path.startsWith(BASE_PATH + "/")) {
				throw MagentoRefusal.of(404, "Request does not match any route.", Map.of());
			}
			URI signed = URI
				.create(exchange.origin() + path + (exchange.rawQuery() == null ? "" : "?" + exchange.rawQuery()));
			if (!authorized(exchange.header("Authorization"), HttpMethod.valueOf(exchange.method()), signed)) {
				throw MagentoRefusal.of(401, "The consumer isn't authorized to access %resources.",
						Map.of("resources", "Magento_Customer::manage"));
			}
			Router.Match match;
			try {
				match = router.find(exchange.method(), path.substring(BASE_PATH.length()), exchange.query());
			}
			catch (SandboxRejection refused) {
				throw refused.status() == 404 ? MagentoRefusal.of(404, "Request does not match any route.", Map.of())
						: refused;
			}
			return match.route()
				.handler()
				.apply(new SandboxRequest(exchange.method(), match.segments(), exchange.query(), exchange.body(),
						exchange.header("Content-Type"), exchange.origin() + BASE_PATH, mapper));
		}

		@Override
		public Reply refusal(SandboxRejection rejection, SandboxExchange exchange) {
			ObjectNode body = mapper.createObjectNode();
			body.put("message", rejection.title());
			if (!rejection.errors().isEmpty()) {
				ObjectNode parameters = body.putObject("parameters");
				rejection.errors().forEach(parameters::put);
			}
			return new Reply(rejection.status(), body);
		}

	}

	private boolean authorized(@Nullable String header, HttpMethod method, URI uri) {
		if (header != null && header.startsWith("Bearer ")) {
			// Constant-time, as a real API compares it.
			return MessageDigest.isEqual(bearer, header.getBytes(StandardCharsets.UTF_8));
		}
		return OAuthSigner.verifies(credentials, header, method, Objects.requireNonNull(uri));
	}

}
