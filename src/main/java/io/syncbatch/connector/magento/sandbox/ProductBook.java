package io.syncbatch.connector.magento.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.magento.MagentoTime;
import io.syncbatch.connector.sandbox.Reply;
import io.syncbatch.connector.sandbox.Router;
import io.syncbatch.connector.sandbox.SandboxRequest;
import io.syncbatch.connector.sandbox.StoreData;
import io.syncbatch.connector.sandbox.Table;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Magento's products, kept by SKU: {@code POST /V1/products} and {@code PUT
 * /V1/products/{sku}} both save the product of that SKU, creating it when the store has
 * none (so a save repeated after a lost answer changes nothing more); {@code GET
 * /V1/products/{sku}} and {@code GET /V1/products} with searchCriteria. As Magento, it
 * refuses a new product without a name, a price or an attribute set, a category link to a
 * category it does not have, and a field a product does not have. The category links of a
 * save replace the product's.
 */
final class ProductBook {

	static final String TABLE = "products";

	private static final Set<String> FIELDS = Set.of("id", "sku", "name", "attribute_set_id", "price", "status",
			"visibility", "type_id", "created_at", "updated_at", "weight", "extension_attributes", "product_links",
			"options", "media_gallery_entries", "tier_prices", "custom_attributes");

	private static final Set<String> NEW_PRODUCT_NEEDS = Set.of("name", "price", "attribute_set_id");

	private static final Map<String, String> SEARCHABLE = Map.of("entity_id", "id", "sku", "sku", "updated_at",
			"updated_at", "name", "name");

	private final StoreData data;

	private final JsonMapper mapper;

	private final Clock clock;

	ProductBook(StoreData data, JsonMapper mapper, Clock clock) {
		this.data = data;
		this.mapper = mapper;
		this.clock = clock;
	}

	void addRoutes(Router router) {
		router.add("POST", "/V1/products", Set.of(), request -> save(request, null))
			.add("PUT", "/V1/products/{key}", Set.of(), request -> save(request, request.key(0)))
			.add("GET", "/V1/products/{key}", Set.of(), this::get)
			.add("GET", "/V1/products", SearchRequest.PARAMETERS, this::search);
	}

	List<Map<String, Object>> snapshot() {
		return data.snapshot(TABLE);
	}

	private Reply save(SandboxRequest request, @Nullable String pathSku) {
		if (!(request.json().path("product") instanceof ObjectNode product)) {
			throw MagentoRefusal.required("product");
		}
		MagentoRefusal.refuseUnknown(product, FIELDS, "Magento\\Catalog\\Api\\Data\\ProductInterface");
		String sku = pathSku != null ? pathSku : product.path("sku").asString("");
		if (sku.isBlank()) {
			throw MagentoRefusal.required("sku");
		}
		return Reply.ok(data.write(tables -> {
			Table products = tables.get(TABLE);
			Table categories = tables.get(CategoryBook.TABLE);
			for (JsonNode link : product.path("extension_attributes").path("category_links")) {
				int category = link.path("category_id").asInt(-1);
				if (categories.get(category) == null) {
					throw MagentoRefusal.of(400, "Could not save product \"%1\" with position %2 to category %3",
							Map.of("1", sku, "2", link.path("position").asString("0"), "3",
									link.path("category_id").asString()));
				}
			}
			ObjectNode stored = bySku(products, sku);
			String now = MagentoTime.format(clock.instant());
			ObjectNode row;
			if (stored == null) {
				for (String field : NEW_PRODUCT_NEEDS) {
					if (!product.hasNonNull(field)) {
						throw MagentoRefusal.required(field);
					}
				}
				row = mapper.createObjectNode();
				row.put("id", products.allocateId());
				row.put("created_at", now);
				row.put("type_id", "simple");
				row.put("status", 1);
				row.put("visibility", 4);
			}
			else {
				row = stored.deepCopy();
			}
			product.properties().forEach(field -> row.set(field.getKey(), field.getValue()));
			row.put("sku", sku);
			row.put("id", stored == null ? row.path("id").asInt() : stored.path("id").asInt());
			row.put("updated_at", now);
			products.put(row);
			return row.deepCopy();
		}));
	}

	private Reply get(SandboxRequest request) {
		String sku = request.key(0);
		ObjectNode stored = data.read(tables -> bySku(tables.get(TABLE), sku));
		if (stored == null) {
			throw MagentoRefusal.of(404,
					"The product that was requested doesn't exist. Verify the product and try again.", Map.of());
		}
		return Reply.ok(stored.deepCopy());
	}

	private Reply search(SandboxRequest request) {
		SearchRequest search = new SearchRequest(request, SEARCHABLE);
		return Reply.ok(data.read(tables -> search.answer(tables.get(TABLE).rows(), mapper)));
	}

	/** Magento's SKUs compare without regard to case, as its database does. */
	private static @Nullable ObjectNode bySku(Table products, String sku) {
		for (ObjectNode product : products.rows()) {
			if (product.path("sku").asString().equalsIgnoreCase(sku)) {
				return product;
			}
		}
		return null;
	}

}
