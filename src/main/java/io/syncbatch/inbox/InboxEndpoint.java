package io.syncbatch.inbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.connector.StoreWebhooks;
import io.syncbatch.connector.StoreWebhooks.MalformedWebhookException;
import io.syncbatch.definition.Definitions;
import io.syncbatch.record.UntrustedText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where ERP push notifications ({@code POST /hooks/erp/{store}}) and a store's webhooks
 * ({@code POST /hooks/stores/{store}}) arrive. Each sender is known by the secret it
 * sends in the configured header, compared in constant time; nothing else is accepted, so
 * a page in a browser cannot post here either (it cannot set that header across sites). A
 * message is stored before it is acknowledged and processed afterwards, so the answer
 * never waits for the ERP or the store: BigCommerce disables a hook whose deliveries are
 * slow to succeed.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/hooks")
class InboxEndpoint {

	private static final Logger log = LoggerFactory.getLogger(InboxEndpoint.class);

	private final InboxIntake intake;

	private final StoreConnectors stores;

	private final SyncbatchProperties properties;

	private final JsonMapper json;

	private final PushNotifications notifications;

	private final WebhookArrivals webhooks;

	private final InboxMeters meters;

	InboxEndpoint(InboxIntake intake, StoreConnectors stores, SyncbatchProperties properties, JsonMapper json,
			Definitions definitions, InboxMeters meters) {
		this.intake = intake;
		this.stores = stores;
		this.properties = properties;
		this.json = json;
		this.notifications = new PushNotifications(definitions);
		this.webhooks = new WebhookArrivals(definitions);
		this.meters = meters;
	}

	@PostMapping("/erp/{store}")
	ResponseEntity<?> pushNotification(@PathVariable String store, @RequestBody byte[] body,
			@RequestHeader Map<String, String> headers) {
		ResponseEntity<ProblemDetail> refused = refused(store, properties.inbox().erpSecret(), headers,
				"ERP push notification");
		if (refused != null) {
			return refused;
		}
		try {
			return received(store, intake.receive(store, notifications.read(store, parse(body, "push notification"))));
		}
		catch (MalformedMessageException malformed) {
			return malformed(store, malformed.getMessage());
		}
		catch (DataAccessException | IllegalStateException notStored) {
			return notStored(store, notStored);
		}
	}

	@PostMapping("/stores/{store}")
	ResponseEntity<?> webhook(@PathVariable String store, @RequestBody byte[] body,
			@RequestHeader Map<String, String> headers) {
		SyncbatchProperties.Store configured = properties.stores().get(store);
		ResponseEntity<ProblemDetail> refused = refused(store, configured == null ? null : configured.webhookSecret(),
				headers, "webhook");
		if (refused != null) {
			return refused;
		}
		StoreWebhooks reading = stores.connection(store).webhooks();
		if (reading == null) {
			return Problems.of(HttpStatus.NOT_FOUND, "store " + store + " is on a platform that sends no webhooks");
		}
		try {
			JsonNode webhook = parse(body, "webhook");
			return received(store, intake.receive(store, List.of(webhooks.of(store, reading.read(webhook)))));
		}
		catch (MalformedMessageException | MalformedWebhookException malformed) {
			return malformed(store, malformed.getMessage());
		}
		catch (DataAccessException | IllegalStateException notStored) {
			return notStored(store, notStored);
		}
	}

	/**
	 * The refusal of a request that is not from the sender it claims to be, or null when
	 * it is. An unknown store is refused as an unauthenticated request is, so that the
	 * answer does not tell a stranger which stores exist.
	 */
	private @Nullable ResponseEntity<ProblemDetail> refused(String store, @Nullable String secret,
			Map<String, String> headers, String what) {
		String header = properties.inbox().header();
		String given = headers.entrySet()
			.stream()
			.filter(entry -> entry.getKey().equalsIgnoreCase(header))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
		if (!stores.names().contains(store) || secret == null || given == null || !sameSecret(given, secret)) {
			log.warn("Refused a {} for store {}: {}", what, UntrustedText.quoted(store),
					!stores.names().contains(store) ? "no such store"
							: secret == null ? "no secret is configured for it"
									: given == null ? "no " + header + " header" : "wrong " + header);
			return Problems.of(HttpStatus.UNAUTHORIZED,
					"this endpoint needs the " + header + " header its sender is configured with");
		}
		return null;
	}

	/** Compares digests, so that neither the time taken nor the length tells a secret. */
	private static boolean sameSecret(String given, String secret) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			byte[] a = sha256.digest(given.getBytes(StandardCharsets.UTF_8));
			byte[] b = sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
			return MessageDigest.isEqual(a, b);
		}
		catch (NoSuchAlgorithmException everyJavaHasIt) {
			throw new IllegalStateException(everyJavaHasIt);
		}
	}

	private JsonNode parse(byte[] body, String what) {
		try {
			JsonNode node = json.readTree(body);
			if (node == null || !node.isObject()) {
				throw new MalformedMessageException("the " + what + " is not a JSON object");
			}
			return node;
		}
		catch (JacksonException notJson) {
			throw new MalformedMessageException("the " + what + " is not JSON");
		}
	}

	/**
	 * A stopped store's messages are refused, so that the sender keeps them (BigCommerce
	 * retries, then disables the hook; Acumatica keeps failed notifications to resend).
	 */
	private ResponseEntity<ProblemDetail> stopped(String store) {
		log.info("Refused a message for store {}: its real-time sync is stopped", store);
		return Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
				"the real-time sync of store " + store + " is stopped; activate it to receive messages");
	}

	/**
	 * Nothing of the request was kept (the sync database away, or {@code serve}
	 * stopping): the sender sends it again, as both senders do after a 5xx.
	 */
	private ResponseEntity<ProblemDetail> notStored(String store, RuntimeException reason) {
		log.warn("A message for store {} could not be stored, so it was not acknowledged: {}", store,
				reason.getMessage());
		return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "the message could not be stored now; send it again");
	}

	private ResponseEntity<ProblemDetail> malformed(String store, @Nullable String reason) {
		log.warn("Refused a malformed message for store {}: {}", store, reason);
		return Problems.of(HttpStatus.BAD_REQUEST, String.valueOf(reason));
	}

	private ResponseEntity<?> received(String store, InboxIntake.Intake intake) {
		if (intake.state() == RealtimeState.STOPPED) {
			return stopped(store);
		}
		List<InboxMessage> messages = intake.messages();
		meters.received(messages);
		return ResponseEntity.ok(Map.of("received", messages.stream().map(InboxMessage::id).toList(), "duplicates",
				messages.stream().filter(message -> message.status() == InboxStatus.DUPLICATE).count()));
	}

}
