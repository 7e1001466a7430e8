package io.syncbatch.connector.magento.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.syncbatch.connector.sandbox.SandboxRejection;
import tools.jackson.databind.JsonNode;

/**
 * Magento's refusals as the sandbox words them: a message with {@code %name} placeholders
 * and the parameters that fill them, as Magento answers ({@code {"message": …,
 * "parameters": {…}}}).
 */
final class MagentoRefusal {

	private MagentoRefusal() {
	}

	static SandboxRejection of(int status, String message, Map<String, String> parameters) {
		return new SandboxRejection(status, message, parameters);
	}

	static SandboxRejection required(String field) {
		return of(400, "\"%fieldName\" is required. Enter and try again.", Map.of("fieldName", field));
	}

	static SandboxRejection noSuchEntity(String field, Object value) {
		return of(404, "No such entity with %fieldName = %fieldValue",
				Map.of("fieldName", field, "fieldValue", String.valueOf(value)));
	}

	/**
	 * Refuses a field the interface does not have, as Magento's input processor does
	 * (which is how it answers a {@code first_name} or a {@code phone}).
	 */
	static void refuseUnknown(JsonNode object, Set<String> fields, String className) {
		for (String field : object.propertyNames()) {
			if (!fields.contains(field)) {
				throw of(400,
						"Property \"%fieldName\" does not have accessor method \"%accessorMethod\" in class \"%className\".",
						Map.of("fieldName", camel(field), "accessorMethod", "get" + camel(field), "className",
								className));
			}
		}
	}

	private static String camel(String field) {
		StringBuilder camel = new StringBuilder();
		for (String word : field.split("_")) {
			if (!word.isEmpty()) {
				camel.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
			}
		}
		return camel.toString();
	}

	static SandboxRejection invalid(String field, Object value) {
		return of(400, "Invalid value of \"%value\" provided for the %fieldName field.",
				Map.of("fieldName", field, "value", String.valueOf(value)));
	}

}
