package io.syncbatch.connector.magento.sandbox;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.sandbox.Reply;
import io.syncbatch.connector.sandbox.Router;
import io.syncbatch.connector.sandbox.SandboxRequest;
import io.syncbatch.connector.sandbox.StoreData;
import io.syncbatch.connector.sandbox.Table;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Magento's categories: {@code POST /V1/categories}, {@code PUT /V1/categories/{id}}
 * (which does not move a category: {@code PUT /V1/categories/{id}/move} does), {@code GET
 * /V1/categories/{id}} and {@code GET /V1/categories/list}. A store starts with Magento's
 * two roots, "Root Catalog" (1) and "Default Category" (2), under which a store's
 * categories go. As Magento, it refuses a category without a name, a parent it does not
 * have, and a second category of one name under one parent (their URL keys would be
 * equal).
 */
final class CategoryBook {

	static final String TABLE = "categories";

	/** The category the store's tree hangs from. */
	static final int DEFAULT_CATEGORY = 2;

	private static final Set<String> FIELDS = Set.of("id", "parent_id", "name", "is_active", "position", "level",
			"children", "created_at", "updated_at", "path", "available_sort_by", "include_in_menu",
			"extension_attributes", "custom_attributes");

	private static final Map<String, String> SEARCHABLE = Map.of("entity_id", "id", "name", "name", "parent_id",
			"parent_id");

	private final StoreData data;

	private final JsonMapper mapper;

	CategoryBook(StoreData data, JsonMapper mapper) {
		this.data = data;
		this.mapper = mapper;
	}

	void addRoutes(Router router) {
		router.add("POST", "/V1/categories", Set.of(), this::create)
			.add("PUT", "/V1/categories/{id}", Set.of(), this::update)
			.add("PUT", "/V1/categories/{id}/move", Set.of(), this::move)
			.add("GET", "/V1/categories/{id}", Set.of(), this::get)
			.add("GET", "/V1/categories/list", SearchRequest.PARAMETERS, this::search);
	}

	/** Magento's two roots, in a store that has no category yet. */
	void plantRoots() {
		data.write(tables -> {
			Table categories = tables.get(TABLE);
			if (categories.rows().isEmpty()) {
				categories.put(root(categories.allocateId(), "Root Catalog", 0));
				categories.put(root(categories.allocateId(), "Default Category", 1));
			}
			return null;
		});
	}

	private ObjectNode root(int id, String name, int parent) {
		ObjectNode row = mapper.createObjectNode();
		row.put("id", id);
		row.put("parent_id", parent);
		row.put("name", name);
		row.put("is_active", true);
		row.put("position", 1);
		return row;
	}

	List<Map<String, Object>> snapshot() {
		return data.snapshot(TABLE);
	}

	private Reply create(SandboxRequest request) {
		ObjectNode category = categoryOf(request.json());
		return Reply.ok(data.write(tables -> {
			Table categories = tables.get(TABLE);
			int parent = category.path("parent_id").asInt(DEFAULT_CATEGORY);
			if (categories.get(parent) == null) {
				throw MagentoRefusal.noSuchEntity("id", parent);
			}
			refuseTakenName(categories, category.path("name").asString(), parent, null);
			ObjectNode row = mapper.createObjectNode();
			row.put("id", categories.allocateId());
			row.put("is_active", true);
			row.put("position", 0);
			category.properties().forEach(field -> row.set(field.getKey(), field.getValue()));
			row.put("parent_id", parent);
			categories.put(row);
			return row.deepCopy();
		}));
	}

	private Reply update(SandboxRequest request) {
		int id = request.id(0);
		ObjectNode category = categoryOf(request.json());
		return Reply.ok(data.write(tables -> {
			Table categories = tables.get(TABLE);
			ObjectNode stored = existing(categories, id);
			int parent = stored.path("parent_id").asInt();
			refuseTakenName(categories, category.path("name").asString(), parent, id);
			ObjectNode row = stored.deepCopy();
			category.properties().forEach(field -> row.set(field.getKey(), field.getValue()));
			// A save keeps the category where it is; moving is the move request's.
			row.put("id", id);
			row.put("parent_id", parent);
			categories.put(row);
			return row.deepCopy();
		}));
	}

	private Reply move(SandboxRequest request) {
		int id = request.id(0);
		JsonNode body = request.json();
		if (!body.path("parentId").canConvertToInt()) {
			throw MagentoRefusal.required("parentId");
		}
		int parent = body.path("parentId").asInt();
		data.write(tables -> {
			Table categories = tables.get(TABLE);
			ObjectNode stored = existing(categories, id);
			existing(categories, parent);
			for (Integer above = parent; above != null && above != 0; above = parentOf(categories, above)) {
				if (above == id) {
					throw MagentoRefusal.of(400,
							"Operation do not allow to move a parent category to any of children" + " category",
							Map.of());
				}
			}
			refuseTakenName(categories, stored.path("name").asString(), parent, id);
			ObjectNode row = stored.deepCopy();
			row.put("parent_id", parent);
			categories.put(row);
			return null;
		});
		return new Reply(200, BooleanNode.TRUE);
	}

	private Reply get(SandboxRequest request) {
		return Reply.ok(data.read(tables -> existing(tables.get(TABLE), request.id(0)).deepCopy()));
	}

	private Reply search(SandboxRequest request) {
		SearchRequest search = new SearchRequest(request, SEARCHABLE);
		return Reply.ok(data.read(tables -> search.answer(tables.get(TABLE).rows(), mapper)));
	}

	private static ObjectNode existing(Table categories, int id) {
		ObjectNode stored = categories.get(id);
		if (stored == null) {
			throw MagentoRefusal.noSuchEntity("id", id);
		}
		return stored;
	}

	private static @Nullable Integer parentOf(Table categories, int id) {
		ObjectNode stored = categories.get(id);
		return stored == null ? null : stored.path("parent_id").asInt();
	}

	private static ObjectNode categoryOf(JsonNode body) {
		if (!(body.path("category") instanceof ObjectNode category)) {
			throw MagentoRefusal.required("category");
		}
		MagentoRefusal.refuseUnknown(category, FIELDS, "Magento\\Catalog\\Api\\Data\\CategoryInterface");
		if (category.path("name").asString("").isBlank()) {
			throw MagentoRefusal.required("name");
		}
		return category;
	}

	private static void refuseTakenName(Table categories, String name, int parent, @Nullable Integer self) {
		for (ObjectNode other : categories.rows()) {
			if (other.path("parent_id").asInt() == parent && other.path("name").asString().equalsIgnoreCase(name)
					&& (self == null || other.path("id").asInt() != self)) {
				throw MagentoRefusal.of(400, "URL key for specified store already exists.", Map.of());
			}
		}
	}

}
