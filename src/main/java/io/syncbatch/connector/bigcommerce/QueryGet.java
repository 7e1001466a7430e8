package io.syncbatch.connector.bigcommerce;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;

import io.syncbatch.connector.StoreChannel;
import tools.jackson.databind.JsonNode;

/**
 * A GET of a path with a query string, its values bound as URI variables, sent through
 * the store's channel; and the same request as a message names it:
 * {@code GET /v2/orders?min_date_modified=…&page=1 on store main}.
 */
record QueryGet(String path, Map<String, Object> query) {

	QueryGet {
		query = new LinkedHashMap<>(query);
	}

	JsonNode send(StoreChannel channel) {
		String template = path + query.keySet()
			.stream()
			.map(name -> name + "={" + variable(name) + "}")
			.collect(Collectors.joining("&", "?", ""));
		Map<String, Object> variables = new LinkedHashMap<>();
		query.forEach((name, value) -> variables.put(variable(name), value));
		return channel.send(HttpMethod.GET, template, variables, null);
	}

	String described(StoreChannel channel) {
		return "GET " + path
				+ query.entrySet()
					.stream()
					.map(entry -> entry.getKey() + "=" + entry.getValue())
					.collect(Collectors.joining("&", "?", ""))
				+ " on store " + channel.storeName();
	}

	/** URI template variables cannot hold the contract's colons (date_modified:min). */
	private static String variable(String parameter) {
		return parameter.replace(':', '_');
	}

}
