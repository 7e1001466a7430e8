package io.syncbatch.connector.bigcommerce;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.ResourceReader;
import io.syncbatch.connector.ResourceReader.StoreDocument;
import io.syncbatch.connector.ResourceWriter;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.StoreConnection;
import io.syncbatch.connector.StoreWebhooks;
import io.syncbatch.connector.StoreHttp;
import io.syncbatch.connector.bigcommerce.sandbox.SandboxStore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One BigCommerce store. A sandbox store starts its local sandbox the first time a
 * request is sent, so commands that never talk to the store (history) do not open a port.
 */
final class BigCommerceStore implements StoreConnection {

	private static final Logger log = LoggerFactory.getLogger(BigCommerceStore.class);

	private static final String CUSTOMERS = "customers";

	private static final String ADDRESSES = "customer-addresses";

	private final String name;

	private final BigCommerceSettings settings;

	private final StoreChannel channel;

	private final BigCommerceContracts contracts;

	private final Map<String, ResourceWriter> writers = new ConcurrentHashMap<>();

	private volatile @Nullable SandboxStore sandbox;

	private final ResourceReader customers;

	private final ResourceReader orders;

	private final ResourceReader addresses;

	private final boolean sandboxed;

	private final StoreWebhooks webhooks;

	BigCommerceStore(String name, SyncbatchProperties.Store store, BigCommerceSettings settings, StoreHttp http,
			JsonMapper json, BigCommerceContracts contracts) {
		this.name = name;
		this.settings = settings;
		this.contracts = contracts;
		this.sandboxed = store.sandbox();
		this.channel = http.open(name, store, store.sandbox() ? this::startSandbox : settings::storeRoot,
				new BigCommerceDialect(Objects.requireNonNull(settings.accessToken()), json));
		this.customers = new BigCommerceCustomerReader(channel, Clock.systemUTC());
		this.orders = new BigCommerceOrderReader(channel);
		this.addresses = new BigCommerceAddressReader(channel);
		this.webhooks = new BigCommerceWebhooks(channel);
	}

	@Override
	public Set<String> writableResources() {
		return BigCommerceResources.names();
	}

	@Override
	public ResourceWriter writer(String resource) {
		return writers.computeIfAbsent(resource, named -> writerOf(BigCommerceResources.named(named)));
	}

	private BigCommerceWriter writerOf(BigCommerceResource resource) {
		return new BigCommerceWriter(resource, channel, contracts.named(resource.contract()), answers(resource));
	}

	/**
	 * How a write's answer is read as the resource's reader reads it, for the resources
	 * imports read too: the import then knows the store record the export made.
	 */
	private @Nullable Function<JsonNode, @Nullable StoreDocument> answers(BigCommerceResource resource) {
		String writes = "POST or PUT " + resource.path() + " on store " + name;
		return switch (resource.name()) {
			case CUSTOMERS -> new CustomerDocuments(writes)::answered;
			case ADDRESSES -> new AddressDocuments(writes)::answered;
			default -> null;
		};
	}

	/**
	 * The resources imports read: customers ({@link BigCommerceCustomerReader}), their
	 * addresses ({@link BigCommerceAddressReader}) and orders
	 * ({@link BigCommerceOrderReader}); every other resource answers null.
	 */
	@Override
	public @Nullable ResourceReader reader(String resource) {
		return switch (resource) {
			case CUSTOMERS -> customers;
			case ADDRESSES -> addresses;
			case "orders" -> orders;
			default -> null;
		};
	}

	@Override
	public StoreWebhooks webhooks() {
		return webhooks;
	}

	@Override
	public @Nullable URI openSandbox() {
		return sandboxed ? channel.root() : null;
	}

	private synchronized URI startSandbox() {
		SandboxStore running = new SandboxStore(Objects.requireNonNull(settings.storeHash()),
				Objects.requireNonNull(settings.accessToken()), 0,
				settings.dataFile() == null ? null : Path.of(settings.dataFile()));
		if (settings.demoShoppers()) {
			running.withDemoShoppers();
		}
		URI root = running.start();
		sandbox = running;
		log.info("Store '{}' is the local BigCommerce sandbox at {}", name, root);
		return root;
	}

	@Override
	public void close() {
		SandboxStore running = sandbox;
		if (running != null) {
			running.stop();
		}
	}

	@Override
	public String toString() {
		return "BigCommerceStore[" + name + ", " + settings + "]";
	}

}
