package io.syncbatch.connector.bigcommerce.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 * Catalog categories ({@code /v3/catalog/categories}): a tree in which a name is unique
 * among its siblings. A category is created and updated one at a time; {@code parent_id}
 * 0 means a top-level category.
 */
final class CategoryBook {

	private static final Set<String> PRODUCT_SORTS = Set.of("use_store_settings", "featured", "newest", "best_selling",
			"alpha_asc", "alpha_desc", "avg_customer_review", "price_asc", "price_desc");

	private static final List<String> TEXT_FIELDS = List.of("description", "page_title", "search_keywords",
			"meta_description", "layout_file", "image_url");

	private final StoreData data;

	private final Replies replies;

	private final JsonMapper mapper;

	CategoryBook(StoreData data, Replies replies, JsonMapper mapper) {
		this.data = data;
		this.replies = replies;
		this.mapper = mapper;
	}

	void addRoutes(Router router) {
		router.add("GET", "/v3/catalog/categories", Set.of("name", "parent_id", "id:in", "page", "limit"), this::list)
			.add("POST", "/v3/catalog/categories", Set.of(), request -> replies.v3Object(create(request.json())))
			.add("GET", "/v3/catalog/categories/{id}", Set.of(), request -> replies.v3Object(get(request.id(0))))
			.add("PUT", "/v3/catalog/categories/{id}", Set.of(),
					request -> replies.v3Object(update(request.id(0), request.json())));
	}

	List<Map<String, Object>> snapshot() {
		return data.snapshot(SandboxTables.CATEGORIES);
	}

	private Reply list(SandboxRequest request) {
		Map<String, String> query = request.query();
		String name = query.get("name");
		Integer parentId = query.containsKey("parent_id") ? Queries.intAtLeast(query, "parent_id", 0) : null;
		Set<Integer> ids = Queries.ids(query, "id:in");
		PageRequest page = PageRequest.from(query);
		return data.read(tables -> {
			List<ObjectNode> matching = new ArrayList<>();
			for (ObjectNode category : tables.get(SandboxTables.CATEGORIES).rows()) {
				if ((name == null || name.equals(category.get("name").stringValue()))
						&& (parentId == null || parentId == category.get("parent_id").intValue())
						&& (ids == null || ids.contains(category.get("id").intValue()))) {
					matching.add(category);
				}
			}
			return replies.v3Page(matching, page);
		});
	}

	private ObjectNode get(int id) {
		return data.read(tables -> existing(tables.get(SandboxTables.CATEGORIES), id).deepCopy());
	}

	ObjectNode create(JsonNode body) {
		requireObject(body);
		return data.write(tables -> {
			Table categories = tables.get(SandboxTables.CATEGORIES);
			Checks checks = Checks.fresh();
			checks.required(body, "name");
			checks.required(body, "parent_id");
			checkFields(checks, body);
			if (checks.ok()) {
				checkParent(checks, categories, 0, body.get("parent_id").intValue());
			}
			if (!checks.ok()) {
				throw new SandboxRejection(422, "The category is not valid.", checks.errors());
			}
			ObjectNode category = mapper.createObjectNode();
			category.put("id", categories.allocateId());
			category.put("parent_id", 0);
			category.put("name", "");
			for (String field : TEXT_FIELDS) {
				category.put(field, "");
			}
			category.put("views", 0);
			category.put("sort_order", 0);
			category.putArray("meta_keywords");
			category.put("is_visible", true);
			category.put("default_product_sort", "use_store_settings");
			category.putObject("custom_url").put("url", "").put("is_customized", false);
			ObjectNode stored = apply(category, body);
			if (!body.has("custom_url")) {
				// BigCommerce derives a URL from the name unless one is given.
				((ObjectNode) stored.get("custom_url")).put("url", "/" + slug(stored.get("name").stringValue()) + "/");
			}
			requireUniqueName(categories, stored);
			categories.put(stored);
			return stored.deepCopy();
		});
	}

	ObjectNode update(int id, JsonNode body) {
		requireObject(body);
		return data.write(tables -> {
			Table categories = tables.get(SandboxTables.CATEGORIES);
			ObjectNode existing = existing(categories, id);
			Checks checks = Checks.fresh();
			checkFields(checks, body);
			for (String field : List.of("name", "parent_id")) {
				if (body.has(field) && body.get(field).isNull()) {
					checks.fail(field, field + " cannot be null");
				}
			}
			if (checks.ok() && body.has("parent_id")) {
				checkParent(checks, categories, id, body.get("parent_id").intValue());
			}
			if (!checks.ok()) {
				throw new SandboxRejection(422, "The category is not valid.", checks.errors());
			}
			ObjectNode updated = apply(existing.deepCopy(), body);
			requireUniqueName(categories, updated);
			categories.put(updated);
			return updated.deepCopy();
		});
	}

	private static ObjectNode existing(Table categories, int id) {
		ObjectNode category = categories.get(id);
		if (category == null) {
			throw new SandboxRejection(404, "Category with id " + id + " does not exist", Map.of());
		}
		return category;
	}

	private static void requireObject(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new SandboxRejection(422, "The category is not valid.",
					Map.of("category", "The request body must be a JSON object"));
		}
	}

	/** Types and lengths from the contract's Category object. */
	private static void checkFields(Checks checks, JsonNode body) {
		checks.string(body, "name", 1, 50);
		checks.integer(body, "parent_id", 0, Integer.MAX_VALUE);
		checks.string(body, "description");
		checks.integer(body, "sort_order", Integer.MIN_VALUE, Integer.MAX_VALUE);
		checks.string(body, "page_title", 0, 255);
		checks.string(body, "search_keywords", 0, 255);
		checks.strings(body, "meta_keywords");
		checks.string(body, "meta_description", 0, 65535);
		checks.string(body, "layout_file", 0, 500);
		checks.bool(body, "is_visible");
		checks.oneOf(body, "default_product_sort", PRODUCT_SORTS);
		checks.string(body, "image_url");
		if (body.has("custom_url")) {
			JsonNode url = body.get("custom_url");
			if (!url.isObject()) {
				checks.fail("custom_url", "custom_url must be an object with url and is_customized");
			}
			else {
				Checks nested = checks.nested("custom_url");
				nested.string(url, "url", 0, 255);
				nested.bool(url, "is_customized");
			}
		}
	}

	/** The parent must exist, and a category may not end up below itself. */
	private static void checkParent(Checks checks, Table categories, int id, int parentId) {
		if (parentId == 0) {
			return;
		}
		if (!categories.contains(parentId)) {
			checks.fail("parent_id", "Parent category with id " + parentId + " does not exist");
			return;
		}
		for (int ancestor = parentId; ancestor != 0; ancestor = Objects.requireNonNull(categories.get(ancestor))
			.get("parent_id")
			.intValue()) {
			if (ancestor == id) {
				checks.fail("parent_id", "Category " + id + " cannot be moved below " + parentId
						+ ", which is itself or one of its descendants");
				return;
			}
		}
	}

	private static void requireUniqueName(Table categories, ObjectNode category) {
		String name = category.get("name").stringValue().toLowerCase(Locale.ROOT);
		int parentId = category.get("parent_id").intValue();
		for (ObjectNode other : categories.rows()) {
			if (other.get("id").intValue() != category.get("id").intValue()
					&& other.get("parent_id").intValue() == parentId
					&& other.get("name").stringValue().toLowerCase(Locale.ROOT).equals(name)) {
				throw new SandboxRejection(409, "The category name is a duplicate",
						Map.of("name", "Category " + other.get("id").intValue() + " under parent " + parentId
								+ " is already named " + other.get("name").stringValue()));
			}
		}
	}

	private static ObjectNode apply(ObjectNode category, JsonNode body) {
		if (body.has("name")) {
			category.put("name", body.get("name").stringValue());
		}
		if (body.has("parent_id")) {
			category.put("parent_id", body.get("parent_id").intValue());
		}
		for (String field : TEXT_FIELDS) {
			if (body.has(field)) {
				category.put(field, body.get(field).stringValue());
			}
		}
		if (body.has("sort_order")) {
			category.put("sort_order", body.get("sort_order").intValue());
		}
		if (body.has("is_visible")) {
			category.put("is_visible", body.get("is_visible").booleanValue());
		}
		if (body.has("default_product_sort")) {
			category.put("default_product_sort", body.get("default_product_sort").stringValue());
		}
		if (body.has("meta_keywords")) {
			category.set("meta_keywords", body.get("meta_keywords").deepCopy());
		}
		if (body.has("custom_url")) {
			ObjectNode url = (ObjectNode) category.get("custom_url");
			JsonNode given = body.get("custom_url");
			if (given.has("url")) {
				url.put("url", given.get("url").stringValue());
			}
			url.put("is_customized", given.path("is_customized").asBoolean(true));
		}
		return category;
	}

	static String slug(String name) {
		String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
		return slug.isEmpty() ? "category" : slug;
	}

}
