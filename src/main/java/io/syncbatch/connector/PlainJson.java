package io.syncbatch.connector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * A store's JSON as the plain values a store document holds: text, numbers, booleans,
 * maps and lists, so mapping rules need not know JSON.
 */
public final class PlainJson {

	private PlainJson() {
	}

	public static @Nullable Object of(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return null;
		}
		if (node.isObject()) {
			Map<String, @Nullable Object> map = new LinkedHashMap<>();
			node.properties().forEach(entry -> map.put(entry.getKey(), of(entry.getValue())));
			return map;
		}
		if (node.isArray()) {
			List<@Nullable Object> list = new ArrayList<>(node.size());
			node.forEach(item -> list.add(of(item)));
			return list;
		}
		if (node.isNumber()) {
			return node.numberValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		return node.asString();
	}

}
