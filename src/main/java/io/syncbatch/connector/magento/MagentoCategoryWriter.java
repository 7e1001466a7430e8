package io.syncbatch.connector.magento;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

import io.syncbatch.connector.OutgoingRecord;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.WritePlan;
import tools.jackson.databind.JsonNode;

/**
 * Magento's categories: {@code POST /V1/categories} creates one, {@code PUT
 * /V1/categories/{id}} saves its name and position, and {@code PUT
 * /V1/categories/{id}/move} moves it, since a save leaves a category where it is. A
 * category without parent in the ERP (parent 0, as the definition's reference rule gives
 * it) goes under the store's root category. Magento has no unique key for categories, so
 * a category is looked up by name under its parent before it is created.
 */
final class MagentoCategoryWriter extends OneRecordWriter {

	static final String PATH = "/V1/categories";

	private static final String NAME = "name";

	private static final String PARENT = "parent_id";

	private final StoreChannel channel;

	private final long rootCategoryId;

	MagentoCategoryWriter(StoreChannel channel, long rootCategoryId) {
		super(WritePlan.Creation.LOOKUP_FIRST, NAME, PARENT);
		this.channel = channel;
		this.rootCategoryId = rootCategoryId;
	}

	@Override
	public @Nullable String forbidden(OutgoingRecord record) {
		return text(record, NAME).isBlank() ? "name is required: a Magento category is found again by it" : null;
	}

	@Override
	String created(OutgoingRecord record) {
		Map<String, @Nullable Object> category = category(record);
		category.put(PARENT, parent(record));
		JsonNode answer = channel.send(HttpMethod.POST, PATH, Map.of(), Map.of("category", category));
		return MagentoIds.of(answer, "category", "POST " + PATH, channel);
	}

	@Override
	String updated(OutgoingRecord record) {
		String id = String.valueOf(record.externalId());
		JsonNode current = channel.send(HttpMethod.GET, PATH + "/{categoryId}", Map.of("categoryId", id), null);
		long parent = parent(record);
		if (current.path(PARENT).asLong() != parent) {
			channel.send(HttpMethod.PUT, PATH + "/{categoryId}/move", Map.of("categoryId", id),
					Map.of("parentId", parent));
		}
		Map<String, @Nullable Object> category = category(record);
		category.put("id", Long.valueOf(id));
		channel.send(HttpMethod.PUT, PATH + "/{id}", Map.of("id", id), Map.of("category", category));
		return id;
	}

	/**
	 * The categories of these names under these parents; a name two categories have under
	 * one parent is adopted by neither.
	 */
	@Override
	public Map<String, String> lookup(List<OutgoingRecord> records) {
		Map<String, String> found = new HashMap<>();
		for (OutgoingRecord record : records) {
			List<String> ids = new ArrayList<>();
			SearchCriteria search = new SearchCriteria(new SearchCriteria.Filter(NAME, "eq", text(record, NAME)), null,
					SearchCriteria.LARGEST_PAGE);
			MagentoSearch.forEach(channel, PATH + "/list", search, category -> {
				if (category.path(PARENT).asLong() == parent(record)
						&& category.path(NAME).asString().equalsIgnoreCase(text(record, NAME))) {
					ids.add(MagentoIds.of(category, "category", "GET " + PATH + "/list", channel));
				}
			});
			if (ids.size() == 1) {
				found.put(record.key(), ids.get(0));
			}
		}
		return found;
	}

	@Override
	public String naturalKey(OutgoingRecord record) {
		return "name '" + text(record, NAME) + "' under category " + parent(record);
	}

	/** The fields Magento's category takes, active and shown in the menu. */
	private static Map<String, @Nullable Object> category(OutgoingRecord record) {
		Map<String, @Nullable Object> category = new LinkedHashMap<>(record.payload());
		category.remove(PARENT);
		category.put("is_active", true);
		return category;
	}

	private long parent(OutgoingRecord record) {
		Object parent = record.payload().get(PARENT);
		long id = parent == null || String.valueOf(parent).isBlank() ? 0 : Long.parseLong(String.valueOf(parent));
		return id == 0 ? rootCategoryId : id;
	}

}
