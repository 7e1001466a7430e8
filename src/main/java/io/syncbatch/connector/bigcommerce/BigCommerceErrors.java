package io.syncbatch.connector.bigcommerce;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns BigCommerce's error bodies into one readable sentence: v3's {@code title} plus an
 * {@code errors} map, or v2's list of {@code {status, message}}.
 */
final class BigCommerceErrors {

	private static final int LONGEST_BODY = 300;

	private BigCommerceErrors() {
	}

	static String message(JsonMapper json, int status, String body) {
		try {
			JsonNode error = json.readTree(body);
			if (error.isArray()) {
				// v2 answers a list of {status, message}.
				List<String> messages = new ArrayList<>();
				error.forEach(item -> messages.add(item.path("message").asString("")));
				return "HTTP " + status + ": " + String.join("; ", messages);
			}
			List<String> details = new ArrayList<>();
			JsonNode errors = error.path("errors");
			errors.properties().forEach(entry -> details.add(entry.getKey() + ": " + entry.getValue().asString()));
			String title = error.path("title").asString("");
			String text = title.isEmpty() ? "HTTP " + status : title;
			return details.isEmpty() ? text : text + " (" + String.join("; ", details) + ")";
		}
		catch (JacksonException notJson) {
			// An HTML error page, say: what it begins with names the problem; the rest
			// would only fill the history's reason.
			return "HTTP " + status + ": "
					+ (body.length() <= LONGEST_BODY ? body : body.substring(0, LONGEST_BODY) + "…");
		}
	}

}
