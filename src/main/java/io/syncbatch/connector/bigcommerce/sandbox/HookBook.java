package io.syncbatch.connector.bigcommerce.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.sandbox.Router;
import io.syncbatch.connector.sandbox.Reply;
import io.syncbatch.connector.sandbox.SandboxRequest;
import io.syncbatch.connector.sandbox.SandboxRejection;
import io.syncbatch.connector.sandbox.Table;
import io.syncbatch.connector.sandbox.StoreData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhooks ({@code /v3/hooks}): created for a scope and a destination, listed (by scope,
 * destination, is_active), updated and deleted by id, as webhooks.v3 describes them. The
 * store sends the events of active hooks ({@link HookDeliveries}).
 */
final class HookBook {

	private final StoreData data;

	private final Replies replies;

	private final JsonMapper mapper;

	private final String storeHash;

	HookBook(StoreData data, Replies replies, JsonMapper mapper, String storeHash) {
		this.data = data;
		this.replies = replies;
		this.mapper = mapper;
		this.storeHash = storeHash;
	}

	void addRoutes(Router router) {
		router.add("GET", "/v3/hooks", Set.of("page", "limit", "is_active", "scope", "destination"), this::list)
			.add("POST", "/v3/hooks", Set.of(), request -> replies.v3Object(create(request.json())))
			.add("GET", "/v3/hooks/{id}", Set.of(), request -> replies.v3Object(get(request.id(0))))
			.add("PUT", "/v3/hooks/{id}", Set.of(), request -> replies.v3Object(update(request.id(0), request.json())))
			.add("DELETE", "/v3/hooks/{id}", Set.of(), request -> replies.v3Object(delete(request.id(0))));
	}

	List<Map<String, Object>> snapshot() {
		return data.snapshot(SandboxTables.HOOKS);
	}

	/** The active hooks of a scope. */
	List<ObjectNode> active(String scope) {
		return data.read(tables -> {
			List<ObjectNode> active = new ArrayList<>();
			for (ObjectNode hook : tables.get(SandboxTables.HOOKS).rows()) {
				if (hook.path("is_active").asBoolean(false) && scope.equals(hook.get("scope").stringValue())) {
					active.add(hook.deepCopy());
				}
			}
			return active;
		});
	}

	private Reply list(SandboxRequest request) {
		Map<String, String> query = request.query();
		String scope = query.get("scope");
		String destination = query.get("destination");
		String active = query.get("is_active");
		PageRequest page = PageRequest.from(query);
		return data.read(tables -> {
			List<ObjectNode> matching = new ArrayList<>();
			for (ObjectNode hook : tables.get(SandboxTables.HOOKS).rows()) {
				if ((scope == null || scope.equals(hook.get("scope").stringValue()))
						&& (destination == null || destination.equals(hook.get("destination").stringValue()))
						&& (active == null || Boolean.parseBoolean(active) == hook.get("is_active").asBoolean())) {
					matching.add(hook);
				}
			}
			return replies.v3Page(matching, page);
		});
	}

	private ObjectNode get(int id) {
		return data.read(tables -> existing(tables.get(SandboxTables.HOOKS), id).deepCopy());
	}

	private ObjectNode create(JsonNode body) {
		Checks checks = Checks.fresh();
		checks.required(body, "scope");
		checks.required(body, "destination");
		checkFields(checks, body);
		if (!checks.ok()) {
			throw new SandboxRejection(422, "The webhook is not valid.", checks.errors());
		}
		return data.write(tables -> {
			Table hooks = tables.get(SandboxTables.HOOKS);
			ObjectNode hook = mapper.createObjectNode();
			long now = System.currentTimeMillis() / 1000;
			hook.put("id", hooks.allocateId());
			hook.put("client_id", "sandbox");
			hook.put("store_hash", storeHash);
			hook.put("created_at", now);
			hook.put("updated_at", now);
			hook.put("is_active", true);
			hook.putObject("headers");
			ObjectNode stored = apply(hook, body);
			hooks.put(stored);
			return stored.deepCopy();
		});
	}

	private ObjectNode update(int id, JsonNode body) {
		Checks checks = Checks.fresh();
		checkFields(checks, body);
		if (!checks.ok()) {
			throw new SandboxRejection(422, "The webhook is not valid.", checks.errors());
		}
		return data.write(tables -> {
			Table hooks = tables.get(SandboxTables.HOOKS);
			ObjectNode updated = apply(existing(hooks, id).deepCopy(), body);
			updated.put("updated_at", System.currentTimeMillis() / 1000);
			hooks.put(updated);
			return updated.deepCopy();
		});
	}

	private ObjectNode delete(int id) {
		return data.write(tables -> {
			Table hooks = tables.get(SandboxTables.HOOKS);
			ObjectNode deleted = existing(hooks, id).deepCopy();
			hooks.remove(id);
			return deleted;
		});
	}

	private static void checkFields(Checks checks, JsonNode body) {
		if (!body.isObject()) {
			throw SandboxRejection.badRequest("The request body must be a JSON object");
		}
		checks.string(body, "scope", 1, 255);
		checks.string(body, "destination", 1, 2048);
		JsonNode destination = body.path("destination");
		if (destination.isString() && !destination.stringValue().matches("https?://.+")) {
			checks.fail("destination", "destination must be an http or https URL");
		}
		JsonNode active = body.path("is_active");
		if (!active.isMissingNode() && !active.isBoolean()) {
			checks.fail("is_active", "is_active must be a boolean");
		}
		JsonNode headers = body.path("headers");
		if (!headers.isMissingNode() && !headers.isNull() && !headers.isObject()) {
			checks.fail("headers", "headers must be an object of strings");
		}
	}

	private static ObjectNode apply(ObjectNode hook, JsonNode body) {
		for (String field : List.of("scope", "destination", "is_active")) {
			if (body.has(field)) {
				hook.set(field, body.get(field));
			}
		}
		if (body.has("headers")) {
			hook.set("headers", body.get("headers").isNull() ? hook.objectNode() : body.get("headers"));
		}
		return hook;
	}

	private static ObjectNode existing(Table hooks, int id) {
		@Nullable ObjectNode hook = hooks.get(id);
		if (hook == null) {
			throw new SandboxRejection(404, "The webhook " + id + " was not found.", Map.of());
		}
		return hook;
	}

}
