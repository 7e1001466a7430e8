package io.syncbatch.inbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.connector.StoreWebhooks;
import io.syncbatch.connector.StoreWebhooks.Subscription;
import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.record.UntrustedText;

/**
 * Seed 002's Initialize and Deactivate for real time: {@link #initialize} subscribes a
 * store's webhooks (for the resources its imports read) to {@code serve}'s inbox through
 * the platform's webhooks API, says which push notifications to create in the ERP, and
 * makes the store's real-time sync active; stopping switches the store's hooks off, and
 * activating on again.
 */
@Component
public class RealtimeSetup {

	private final StoreConnectors stores;

	private final Definitions definitions;

	private final RealtimeStates states;

	private final SyncbatchProperties properties;

	public RealtimeSetup(StoreConnectors stores, Definitions definitions, RealtimeStates states,
			SyncbatchProperties properties) {
		this.stores = stores;
		this.definitions = definitions;
		this.states = states;
		this.properties = properties;
	}

	/**
	 * A push notification to create in the ERP (Acumatica's Push Notifications form,
	 * SM302000): the generic inquiry, where it is sent, and the header it carries.
	 */
	public record PushNotification(String entity, String inquiry, URI destination, String header) {
	}

	/** What initialize did, and what is left to do in the ERP. */
	public record Initialized(String store, URI webhookDestination, List<Subscription> hooks,
			List<PushNotification> pushNotifications, boolean erpSecretConfigured) {
	}

	/**
	 * @param url where the store and the ERP reach {@code serve}; null for
	 * {@code syncbatch.inbox.public-url}
	 * @throws IllegalArgumentException naming what is missing: the address, the store's
	 * webhook secret
	 */
	public Initialized initialize(String store, @Nullable String url) {
		URI root = root(url);
		SyncbatchProperties.Store configured = properties.stores().get(store);
		StoreWebhooks webhooks = stores.connection(store).webhooks();
		String header = properties.inbox().header();
		URI destination = below(root, "/hooks/stores/" + store);
		List<Subscription> hooks = List.of();
		if (webhooks != null) {
			String secret = Objects.requireNonNull(configured).webhookSecret();
			if (secret == null) {
				throw new IllegalArgumentException("store " + store + " has no webhook secret: set syncbatch.stores."
						+ store + ".webhook-secret, the value its webhooks are to carry in " + header);
			}
			hooks = webhooks.subscribe(importedResources(), destination, Map.of(header, secret), true);
		}
		states.set(store, RealtimeState.ACTIVE, webhooks == null ? null : destination.toString());
		List<PushNotification> notifications = definitions.all()
			.stream()
			.filter(definition -> stores.cannotRun(definition.job(SyncDirection.EXPORT), store) == null)
			.map(definition -> new PushNotification(definition.entity(), definition.inquiryName(),
					below(root, "/hooks/erp/" + store), header))
			.toList();
		return new Initialized(store, destination, hooks, notifications, properties.inbox().erpSecret() != null);
	}

	/**
	 * Switches the hooks initialize subscribed on or off; none when the store was never
	 * initialized.
	 */
	public List<Subscription> hooksActive(String store, boolean active) {
		RealtimeStates.StoreState state = Objects.requireNonNull(states.all().get(store));
		StoreWebhooks webhooks = stores.connection(store).webhooks();
		SyncbatchProperties.Store configured = properties.stores().get(store);
		if (state.destination() == null || webhooks == null || configured == null
				|| configured.webhookSecret() == null) {
			return List.of();
		}
		return webhooks.subscribe(importedResources(), URI.create(state.destination()),
				Map.of(properties.inbox().header(), configured.webhookSecret()), active);
	}

	private List<String> importedResources() {
		return definitions.all()
			.stream()
			.filter(definition -> definition.direction().ways().contains(SyncDirection.IMPORT))
			.map(EntityDefinition::importSpec)
			.map(spec -> spec.resource())
			.distinct()
			.toList();
	}

	/** A path below the root, which may have a path of its own (behind a proxy). */
	private static URI below(URI root, String path) {
		String base = root.toString();
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
	}

	private URI root(@Nullable String url) {
		String given = url != null ? url : properties.inbox().publicUrl();
		if (given == null || given.isBlank()) {
			throw new IllegalArgumentException("initialize needs the address the store and the ERP reach serve at:"
					+ " --url=https://sync.example.com, or syncbatch.inbox.public-url");
		}
		try {
			URI root = new URI(given.strip());
			if (!("https".equals(root.getScheme()) || "http".equals(root.getScheme())) || root.getHost() == null) {
				throw new URISyntaxException(given, "not an http or https address");
			}
			return root;
		}
		catch (URISyntaxException bad) {
			throw new IllegalArgumentException("the address " + UntrustedText.quoted(given)
					+ " is not an http or https URL such as" + " https://sync.example.com");
		}
	}

}
