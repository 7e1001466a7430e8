package io.syncbatch.connector.magento;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.ResourceReader;
import io.syncbatch.connector.ResourceWriter;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.StoreConnection;
import io.syncbatch.connector.StoreHttp;
import io.syncbatch.connector.magento.sandbox.MagentoSandbox;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Magento store view: its customers (written and read), their addresses, categories,
 * products, orders (read), and the shipments, invoices and statuses of its orders. A
 * sandbox store starts its local sandbox the first time a request is sent, so commands
 * that never talk to the store open no port.
 */
final class MagentoStore implements StoreConnection {

	private static final Logger log = LoggerFactory.getLogger(MagentoStore.class);

	private static final String CUSTOMERS = "customers";

	private static final String CATEGORIES = "categories";

	private static final String PRODUCTS = "products";

	private static final String ADDRESSES = "customer-addresses";

	private static final String ORDERS = "orders";

	private static final String SHIPMENTS = "order-shipments";

	private static final String INVOICES = "order-invoices";

	private static final String STATUS = "order-status";

	private final String name;

	private final MagentoSettings settings;

	private final Clock clock;

	private final boolean sandboxed;

	private final StoreChannel channel;

	private final Map<String, ResourceWriter> writers;

	private final Map<String, ResourceReader> readers;

	private volatile @Nullable MagentoSandbox sandbox;

	MagentoStore(String name, SyncbatchProperties.Store store, MagentoSettings settings, StoreHttp http,
			JsonMapper json, Clock clock) {
		this.name = name;
		this.settings = settings;
		this.clock = clock;
		this.sandboxed = store.sandbox();
		this.channel = http.open(name, store, sandboxed ? this::startSandbox : settings::storeRoot,
				new MagentoDialect(settings.authorization(clock), json));
		this.writers = Map.of(CUSTOMERS, new MagentoCustomerWriter(channel), CATEGORIES,
				new MagentoCategoryWriter(channel, settings.rootCategoryId()), PRODUCTS,
				new MagentoProductWriter(channel, settings.attributeSetId()), ADDRESSES,
				new MagentoAddressWriter(channel, json), SHIPMENTS, new MagentoShipmentWriter(channel), INVOICES,
				new MagentoInvoiceWriter(channel), STATUS, new MagentoOrderStatusWriter(channel));
		this.readers = Map.of(CUSTOMERS,
				new MagentoChangeReader(channel, clock, MagentoCustomerWriter.PATH + "/search",
						new MagentoCustomerDocuments()),
				ORDERS, new MagentoChangeReader(channel, clock, "/V1/orders", new MagentoOrderDocuments(name)));
	}

	@Override
	public Set<String> writableResources() {
		return new TreeSet<>(writers.keySet());
	}

	@Override
	public ResourceWriter writer(String resource) {
		ResourceWriter writer = writers.get(resource);
		if (writer == null) {
			throw new IllegalArgumentException("target.resource '" + resource + "' is not a Magento resource"
					+ " syncbatch can write; known: " + writableResources());
		}
		return writer;
	}

	@Override
	public @Nullable ResourceReader reader(String resource) {
		return readers.get(resource);
	}

	@Override
	public @Nullable URI openSandbox() {
		return sandboxed ? channel.root() : null;
	}

	private synchronized URI startSandbox() {
		MagentoSandbox running = new MagentoSandbox(settings.credentials(), 0,
				settings.dataFile() == null ? null : Path.of(settings.dataFile()), clock);
		if (settings.demoShopper()) {
			running.withDemoShopper();
		}
		URI root = settings.storeRoot(running.start());
		sandbox = running;
		log.info("Store '{}' is the local Magento sandbox at {}", name, root);
		return root;
	}

	@Override
	public void close() {
		MagentoSandbox running = sandbox;
		if (running != null) {
			running.stop();
		}
	}

	@Override
	public String toString() {
		return "MagentoStore[" + name + ", " + settings + "]";
	}

}
