package io.syncbatch.rules;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts a value at a target field that may be nested: {@code billing_address.zip} lands in
 * the {@code billing_address} object, so a definition can fill the nested objects store
 * APIs expect.
 */
final class TargetPath {

	private TargetPath() {
	}

	@SuppressWarnings("unchecked")
	static void put(Map<String, Object> payload, String target, Object value) {
		Map<String, Object> current = payload;
		String[] parts = target.split("\\.");
		for (int i = 0; i < parts.length - 1; i++) {
			current = (Map<String, Object>) current.computeIfAbsent(parts[i], name -> new LinkedHashMap<>());
		}
		current.put(parts[parts.length - 1], value);
	}

}
