package io.syncbatch.connector.magento;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

import io.syncbatch.connector.OutgoingRecord;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.WritePlan;
import tools.jackson.databind.JsonNode;

/**
 * Magento's products, saved by SKU with {@code PUT /V1/products/{sku}}, which creates the
 * product when the store has none: a save repeated after a lost answer saves the same
 * product again, never a second one. The definition's product (name, sku, type, price,
 * weight, description, categories) takes Magento's shape here: the type is Magento's
 * {@code type_id} (a physical product is {@code simple}, a digital one {@code virtual}),
 * the description is a custom attribute, the categories are {@code category_links}, and a
 * new product gets the configured attribute set, enabled and visible in catalog and
 * search.
 */
final class MagentoProductWriter extends OneRecordWriter {

	static final String PATH = "/V1/products";

	private static final String SKU = "sku";

	private static final Map<String, String> TYPES = Map.of("physical", "simple", "digital", "virtual");

	/** The definition's fields this writer places; any other is not Magento's. */
	private static final Set<String> PLACED = Set.of("name", SKU, "type", "price", "weight", "description",
			"categories");

	private static final int SKUS_PER_SEARCH = 50;

	private final StoreChannel channel;

	private final long attributeSetId;

	/**
	 * Created at once: saving by SKU never makes a second product, so nothing needs
	 * looking up first.
	 */
	MagentoProductWriter(StoreChannel channel, long attributeSetId) {
		super(WritePlan.Creation.CREATE_FIRST, SKU);
		this.channel = channel;
		this.attributeSetId = attributeSetId;
	}

	@Override
	public @Nullable String forbidden(OutgoingRecord record) {
		if (sku(record).isBlank()) {
			return "sku is required: Magento keeps products by SKU";
		}
		for (String field : record.payload().keySet()) {
			if (!PLACED.contains(field)) {
				return field + " has no place in a Magento product (it takes " + PLACED + ")";
			}
		}
		Object type = record.payload().get("type");
		if (type != null && !TYPES.containsKey(type.toString())) {
			return "type '" + type + "' has no Magento product type (" + TYPES.keySet() + ")";
		}
		return null;
	}

	@Override
	String created(OutgoingRecord record) {
		return saved(record);
	}

	@Override
	String updated(OutgoingRecord record) {
		return saved(record);
	}

	private String saved(OutgoingRecord record) {
		JsonNode answer = channel.send(HttpMethod.PUT, PATH + "/{sku}", Map.of(SKU, sku(record)),
				Map.of("product", product(record)));
		return MagentoIds.of(answer, "product", "PUT " + PATH + "/{sku}", channel);
	}

	/** The products of these SKUs, compared without regard to case as Magento does. */
	@Override
	public Map<String, String> lookup(List<OutgoingRecord> records) {
		Map<String, String> idBySku = new HashMap<>();
		List<String> skus = records.stream().map(MagentoProductWriter::sku).distinct().toList();
		for (int from = 0; from < skus.size(); from += SKUS_PER_SEARCH) {
			List<String> slice = skus.subList(from, Math.min(skus.size(), from + SKUS_PER_SEARCH));
			SearchCriteria search = new SearchCriteria(new SearchCriteria.Filter(SKU, "in", String.join(",", slice)),
					null, SearchCriteria.LARGEST_PAGE);
			MagentoSearch.forEach(channel, PATH, search,
					product -> idBySku.put(product.path(SKU).asString().toLowerCase(Locale.ROOT),
							MagentoIds.of(product, "product", "GET " + PATH, channel)));
		}
		Map<String, String> found = new HashMap<>();
		records.forEach(record -> {
			String id = idBySku.get(sku(record).toLowerCase(Locale.ROOT));
			if (id != null) {
				found.put(record.key(), id);
			}
		});
		return found;
	}

	@Override
	public String naturalKey(OutgoingRecord record) {
		return "sku " + sku(record);
	}

	private Map<String, @Nullable Object> product(OutgoingRecord record) {
		Map<String, @Nullable Object> payload = record.payload();
		Map<String, @Nullable Object> product = new LinkedHashMap<>();
		product.put(SKU, sku(record));
		product.put("name", payload.get("name"));
		product.put("attribute_set_id", attributeSetId);
		product.put("price", payload.get("price"));
		product.put("weight", payload.get("weight"));
		product.put("status", 1);
		product.put("visibility", 4);
		Object type = payload.get("type");
		product.put("type_id", type == null ? "simple" : TYPES.get(type.toString()));
		if (payload.containsKey("description")) {
			// A description cleared in the ERP is cleared in the store.
			Object description = payload.get("description");
			product.put("custom_attributes", List.of(Map.of("attribute_code", "description", "value",
					description == null ? "" : description.toString())));
		}
		if (payload.containsKey("categories")) {
			List<Map<String, Object>> links = new ArrayList<>();
			if (payload.get("categories") instanceof List<?> categories) {
				for (int i = 0; i < categories.size(); i++) {
					links.add(Map.of("position", i, "category_id", String.valueOf(categories.get(i))));
				}
			}
			// An empty list takes the product out of every category, as the ERP has it.
			product.put("extension_attributes", Map.of("category_links", links));
		}
		return product;
	}

	private static String sku(OutgoingRecord record) {
		Object sku = record.payload().get(SKU);
		return sku == null ? "" : sku.toString();
	}

}
