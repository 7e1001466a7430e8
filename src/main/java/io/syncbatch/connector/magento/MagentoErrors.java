package io.syncbatch.connector.magento;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns Magento's error bodies into one readable sentence. Magento answers
 * {@code {"message": ..., "parameters": ...}}, the message holding placeholders the
 * parameters fill: {@code %1}, {@code %2} for a list of values, {@code %fieldName} for an
 * object (the admin schema's {@code error-response} lists such objects; stores answer a
 * single one too); a validation failure adds {@code errors}, a list of the same shape.
 * Shown unfilled, "%1 is a required field" would tell the operator nothing.
 */
final class MagentoErrors {

	private static final int LONGEST_BODY = 300;

	private MagentoErrors() {
	}

	static String message(JsonMapper json, int status, String body) {
		JsonNode error;
		try {
			error = json.readTree(body);
		}
		catch (JacksonException notJson) {
			error = null;
		}
		if (error == null || !error.isObject() || !error.path("message").isString()) {
			// An HTML error page, say: what it begins with names the problem.
			return "HTTP " + status + ": "
					+ (body.length() <= LONGEST_BODY ? body : body.substring(0, LONGEST_BODY) + "…");
		}
		List<String> details = new ArrayList<>();
		error.path("errors").forEach(detail -> {
			String filled = filled(detail);
			if (!filled.isEmpty()) {
				details.add(filled);
			}
		});
		String message = "HTTP " + status + ": " + filled(error);
		return details.isEmpty() ? message : message + " (" + String.join("; ", details) + ")";
	}

	/** The message with its placeholders replaced by its parameters. */
	private static String filled(JsonNode error) {
		String message = error.path("message").asString("");
		JsonNode parameters = error.path("parameters");
		List<Map.Entry<String, String>> values = new ArrayList<>();
		if (parameters.isArray()) {
			for (int i = 0; i < parameters.size(); i++) {
				JsonNode parameter = parameters.get(i);
				if (parameter.isObject()) {
					named(parameter, values);
				}
				else {
					values.add(Map.entry("%" + (i + 1), parameter.asString("")));
				}
			}
		}
		else if (parameters.isObject()) {
			named(parameters, values);
		}
		// Longest first, so that %10 is not read as %1 followed by a 0.
		values.sort(Comparator.comparingInt((Map.Entry<String, String> value) -> value.getKey().length()).reversed());
		for (Map.Entry<String, String> value : values) {
			message = message.replace(value.getKey(), value.getValue());
		}
		return message;
	}

	private static void named(JsonNode parameters, List<Map.Entry<String, String>> values) {
		parameters.properties()
			.forEach(entry -> values.add(Map.entry("%" + entry.getKey(), entry.getValue().asString(""))));
	}

}
