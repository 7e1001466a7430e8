package io.syncbatch.inbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

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
 * <p>
 * A plain servlet beside Spring MVC's, not a controller, because every message passes
 * here: at 500 messages a second, MVC's handler lookup, argument and return-value
 * handling and the per-request observation were about half of the acknowledgements' work.
 * The body's size limit is applied before this by the {@code /hooks} filter chain.
 */
final class InboxEndpoint extends HttpServlet {

	private static final Logger log = LoggerFactory.getLogger(InboxEndpoint.class);

	private final transient InboxIntake intake;

	private final transient StoreConnectors stores;

	private final transient SyncbatchProperties properties;

	private final transient JsonMapper json;

	private final transient PushNotifications notifications;

	private final transient WebhookArrivals webhooks;

	private final transient InboxMeters meters;

	InboxEndpoint(InboxIntake intake, StoreConnectors stores, SyncbatchProperties properties, JsonMapper json,
			Definitions definitions, InboxMeters meters) {
		this.intake = intake;
		this.stores = stores;
		this.properties = properties;
		this.json = json;
		this.notifications = new PushNotifications(definitions, stores);
		this.webhooks = new WebhookArrivals(definitions);
		this.meters = meters;
	}

	/**
	 * Only POST: anything else is answered here, not by the server's error page; so is
	 * whatever goes wrong unexpectedly (a 500: nothing was acknowledged, and the sender
	 * sends it again). Every refusal is counted.
	 */
	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getPathInfo() == null ? "" : request.getPathInfo();
		MessageSource claimed = path.startsWith("/erp/") ? MessageSource.ERP
				: path.startsWith("/stores/") ? MessageSource.STORE : null;
		try {
			if ("POST".equals(request.getMethod())) {
				post(path, request, response);
			}
			else {
				response.setHeader("Allow", "POST");
				problem(response, HttpStatus.METHOD_NOT_ALLOWED, "messages are posted (POST) to /hooks");
			}
		}
		catch (RuntimeException unexpected) {
			log.error("A message posted to /hooks (path {}) could not be handled, so it was not acknowledged",
					UntrustedText.quoted(path), unexpected);
			if (!response.isCommitted()) {
				response.reset();
				problem(response, HttpStatus.INTERNAL_SERVER_ERROR,
						"the message could not be handled; it was not acknowledged, send it again");
			}
		}
		if (response.getStatus() >= 400) {
			meters.refused(claimed, response.getStatus());
		}
	}

	private void post(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (path.startsWith("/erp/") && path.indexOf('/', "/erp/".length()) < 0) {
			pushNotification(path.substring("/erp/".length()), request, response);
		}
		else if (path.startsWith("/stores/") && path.indexOf('/', "/stores/".length()) < 0) {
			webhook(path.substring("/stores/".length()), request, response);
		}
		else {
			problem(response, HttpStatus.NOT_FOUND,
					"messages are posted to /hooks/erp/{store} (the ERP's) or /hooks/stores/{store} (a store's)");
		}
	}

	private void pushNotification(String store, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (refused(store, properties.inbox().erpSecret(), request, response, "ERP push notification")) {
			return;
		}
		try {
			JsonNode notification = parse(request, "push notification");
			received(store, intake.receive(store, notifications.read(store, notification)), response);
		}
		catch (MalformedMessageException malformed) {
			malformed(store, malformed.getMessage(), response);
		}
		catch (DataAccessException | IllegalStateException notStored) {
			notStored(store, notStored, response);
		}
	}

	private void webhook(String store, HttpServletRequest request, HttpServletResponse response) throws IOException {
		SyncbatchProperties.Store configured = properties.stores().get(store);
		if (refused(store, configured == null ? null : configured.webhookSecret(), request, response, "webhook")) {
			return;
		}
		StoreWebhooks reading = stores.connection(store).webhooks();
		if (reading == null) {
			problem(response, HttpStatus.NOT_FOUND, "store " + store + " is on a platform that sends no webhooks");
			return;
		}
		try {
			JsonNode webhook = parse(request, "webhook");
			received(store, intake.receive(store, List.of(webhooks.of(store, reading.read(webhook)))), response);
		}
		catch (MalformedMessageException | MalformedWebhookException malformed) {
			malformed(store, malformed.getMessage(), response);
		}
		catch (DataAccessException | IllegalStateException notStored) {
			notStored(store, notStored, response);
		}
	}

	/**
	 * Refuses, and says true for, a request that is not from the sender it claims to be.
	 * An unknown store is refused as an unauthenticated request is, so that the answer
	 * does not tell a stranger which stores exist.
	 */
	private boolean refused(String store, @Nullable String secret, HttpServletRequest request,
			HttpServletResponse response, String what) throws IOException {
		String header = properties.inbox().header();
		String given = request.getHeader(header);
		boolean known = stores.names().contains(store);
		if (known && secret != null && given != null && sameSecret(given, secret)) {
			return false;
		}
		log.warn("Refused a {} for store {}: {}", what, UntrustedText.quoted(store),
				!known ? "no such store" : secret == null ? "no secret is configured for it"
						: given == null ? "no " + header + " header" : "wrong " + header);
		problem(response, HttpStatus.UNAUTHORIZED,
				"this endpoint needs the " + header + " header its sender is configured with");
		return true;
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

	private JsonNode parse(HttpServletRequest request, String what) throws IOException {
		try {
			JsonNode node = json.readTree(request.getInputStream().readAllBytes());
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
	private void stopped(String store, HttpServletResponse response) throws IOException {
		log.info("Refused a message for store {}: its real-time sync is stopped", store);
		problem(response, HttpStatus.SERVICE_UNAVAILABLE,
				"the real-time sync of store " + store + " is stopped; activate it to receive messages");
	}

	/**
	 * Nothing of the request was kept (the sync database away, or {@code serve}
	 * stopping): the sender sends it again, as both senders do after a 5xx.
	 */
	private void notStored(String store, RuntimeException reason, HttpServletResponse response) throws IOException {
		log.warn("A message for store {} could not be stored, so it was not acknowledged: {}", store,
				reason.getMessage());
		problem(response, HttpStatus.SERVICE_UNAVAILABLE, "the message could not be stored now; send it again");
	}

	private void malformed(String store, @Nullable String reason, HttpServletResponse response) throws IOException {
		log.warn("Refused a malformed message for store {}: {}", store, reason);
		problem(response, HttpStatus.BAD_REQUEST, String.valueOf(reason));
	}

	private void received(String store, InboxIntake.Intake intake, HttpServletResponse response) throws IOException {
		if (intake.state() == RealtimeState.STOPPED) {
			stopped(store, response);
			return;
		}
		List<InboxMessage> messages = intake.messages();
		meters.received(messages);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("received", messages.stream().map(InboxMessage::id).toList());
		answer.put("duplicates",
				messages.stream().filter(message -> message.status() == InboxStatus.DUPLICATE).count());
		write(response, HttpStatus.OK, MediaType.APPLICATION_JSON_VALUE, answer);
	}

	/** A refusal as a problem detail (RFC 9457), as the API's. */
	private void problem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		write(response, status, MediaType.APPLICATION_PROBLEM_JSON_VALUE, problem);
	}

	private void write(HttpServletResponse response, HttpStatus status, String contentType, Map<String, Object> body)
			throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		response.setStatus(status.value());
		response.setContentType(contentType);
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

}
