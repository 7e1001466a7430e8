package io.syncbatch.connector;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.definition.DefinitionException;
import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.definition.OnDelete;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.record.UntrustedText;

/**
 * The configured stores by name, each connected through the {@link Platform} its
 * {@code platform} names. Every store is connected, and so its settings checked, at
 * start-up; nothing is sent until a job needs it.
 */
@Component
public class StoreConnectors implements DisposableBean {

	private final Map<String, Connected> stores = new TreeMap<>();

	private final Set<String> platforms;

	private final @Nullable String defaultStore;

	public StoreConnectors(SyncbatchProperties properties, List<Platform> platforms, Environment environment,
			Definitions definitions) {
		Map<String, Platform> byName = platforms.stream().collect(Collectors.toMap(Platform::name, p -> p));
		this.platforms = new TreeMap<>(byName).keySet();
		// A platform a definition names is checked at start-up, as everything else in it.
		for (EntityDefinition definition : definitions.all()) {
			for (String named : definition.target().platforms().keySet()) {
				if (!this.platforms.contains(named)) {
					throw new DefinitionException(definition.origin() + ": target.platforms." + named
							+ ": syncbatch has no platform '" + named + "'; platforms: " + this.platforms);
				}
			}
		}
		Binder binder = Binder.get(environment);
		properties.stores().forEach((name, store) -> {
			Platform platform = byName.get(store.platform());
			if (platform == null) {
				throw new IllegalArgumentException("syncbatch.stores." + name + ".platform: '" + store.platform()
						+ "' is not a platform syncbatch has; platforms: " + new TreeMap<>(byName).keySet());
			}
			StoreConnection connection;
			try {
				connection = platform.connect(name, store, binder);
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("store '" + name + "' (" + platform.name() + "): " + ex.getMessage(),
						ex);
			}
			stores.put(name, new Connected(platform.name(), connection, new StoreUpsert(name, store.concurrency())));
		});
		this.defaultStore = properties.defaultStore();
		if (defaultStore != null && !stores.containsKey(defaultStore)) {
			throw new IllegalArgumentException("syncbatch.default-store: " + UntrustedText.quoted(defaultStore)
					+ " is not a configured store; stores: " + names());
		}
	}

	public Set<String> names() {
		return stores.keySet();
	}

	/** The named store, or the only configured one when none is named. */
	public String orDefault(@Nullable String store) {
		return store == null ? defaultStore() : store;
	}

	/**
	 * The store a job runs against when none is named: the only one configured, or
	 * {@code syncbatch.default-store}.
	 */
	public String defaultStore() {
		if (names().size() == 1) {
			return names().iterator().next();
		}
		if (defaultStore != null) {
			return defaultStore;
		}
		throw new IllegalArgumentException("parameter 'store' is required: " + names().size()
				+ " stores are configured " + names() + " and syncbatch.default-store names none of them");
	}

	/**
	 * Why the store's platform cannot take the entity (a resource it cannot write or, to
	 * import, read), or null when it can.
	 */
	public @Nullable String cannotTake(EntityDefinition definition, String storeName) {
		Connected store = connected(storeName);
		if (exports(definition) && !store.connection().writableResources().contains(definition.target().resource())) {
			return store.platform() + " has no " + definition.target().resource() + " syncbatch can write";
		}
		if (definition.importing() != null && store.connection().reader(definition.importing().resource()) == null) {
			return store.platform() + " has no " + definition.importing().resource() + " syncbatch can read";
		}
		return null;
	}

	/**
	 * Why the job does not run on the store (its platform has not the resource, or the
	 * entity goes only the other way there), or null when it does.
	 */
	public @Nullable String cannotRun(EntityJob job, String storeName) {
		String platform = platform(storeName);
		EntityDefinition onStore = job.definition().on(platform);
		String cannot = cannotTake(onStore, storeName);
		if (cannot != null) {
			return cannot;
		}
		return onStore.direction().ways().contains(job.direction()) ? null : job.entity() + " goes "
				+ onStore.direction().label() + " only on " + platform + " (" + job.definition().origin() + ")";
	}

	/**
	 * Whether records go to the store: an entity imported only from a platform (Magento's
	 * orders) needs no writer there.
	 */
	private static boolean exports(EntityDefinition definition) {
		return definition.direction().ways().contains(SyncDirection.EXPORT);
	}

	/** The platform a store is on, e.g. {@code bigcommerce}. */
	public String platform(String storeName) {
		return connected(storeName).platform();
	}

	/**
	 * Refuses a launch whose definition names a resource the store's platform cannot
	 * write, or, when it imports, read.
	 */
	public void checkTarget(EntityDefinition definition, String storeName) {
		Connected store = connected(storeName);
		if (exports(definition) && !store.connection().writableResources().contains(definition.target().resource())) {
			throw new DefinitionException(definition.origin() + ": target.resource '" + definition.target().resource()
					+ "' is not a resource syncbatch can write on " + store.platform() + " (store '" + storeName
					+ "'); known: " + store.connection().writableResources());
		}
		if (exports(definition) && definition.target().onDelete() == OnDelete.DELETE
				&& !store.connection().writer(definition.target().resource()).deletes()) {
			throw new DefinitionException(definition.origin() + ": target.on-delete 'delete': " + store.platform()
					+ " offers no way to delete its " + definition.target().resource() + " that syncbatch uses;"
					+ " use 'keep'");
		}
		if (definition.importing() != null && store.connection().reader(definition.importing().resource()) == null) {
			throw new DefinitionException(definition.origin() + ": import.resource '"
					+ definition.importing().resource() + "' is not a resource syncbatch can read on "
					+ store.platform() + " (store '" + storeName + "')");
		}
	}

	/** Deletes store records of a resource, a batch a request. */
	public void delete(String storeName, String resource, List<String> externalIds) {
		ResourceWriter writer = connected(storeName).connection().writer(resource);
		int batch = writer.plan().updateBatch();
		for (int from = 0; from < externalIds.size(); from += batch) {
			writer.delete(externalIds.subList(from, Math.min(externalIds.size(), from + batch)));
		}
	}

	/** Writes records of a resource to a store with the engine's write algorithm. */
	public List<WriteResult> upsert(String storeName, String resource, List<OutgoingRecord> records,
			AdoptionGuard guard, CreateJournal journal) {
		Connected store = connected(storeName);
		return store.upsert().upsert(store.connection().writer(resource), records, guard, journal);
	}

	/**
	 * How a store's resource is read, for imports.
	 * @throws DefinitionException when the store's platform cannot read it
	 */
	public ResourceReader reader(String storeName, String resource) {
		Connected store = connected(storeName);
		ResourceReader reader = store.connection().reader(resource);
		if (reader == null) {
			throw new DefinitionException("'" + resource + "' is not a resource syncbatch can read on "
					+ store.platform() + " (store '" + storeName + "'), so it cannot be imported");
		}
		return reader;
	}

	/**
	 * The root of the store's local sandbox, started if it is not running yet.
	 * @throws IllegalArgumentException for a store that is not a local sandbox
	 */
	public URI openSandbox(String storeName) {
		URI root = connected(storeName).connection().openSandbox();
		if (root == null) {
			throw new IllegalArgumentException("store '" + storeName + "' is not a local sandbox but a "
					+ platform(storeName) + " store of its own; there is nothing to serve");
		}
		return root;
	}

	/** The connection of a store, for what is not a write (reading, checking). */
	public StoreConnection connection(String storeName) {
		return connected(storeName).connection();
	}

	private Connected connected(String storeName) {
		Connected store = stores.get(storeName);
		if (store == null) {
			throw new IllegalArgumentException(
					"unknown store " + UntrustedText.quoted(storeName) + "; configured stores: " + names());
		}
		return store;
	}

	@Override
	public void destroy() {
		stores.values().forEach(store -> {
			store.upsert().close();
			store.connection().close();
		});
	}

	private record Connected(String platform, StoreConnection connection, StoreUpsert upsert) {
	}

}
