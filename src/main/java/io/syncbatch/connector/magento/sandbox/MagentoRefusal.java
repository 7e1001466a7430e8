package io.syncbatch.connector.magento.sandbox;

import java.util.Map;

import io.syncbatch.connector.sandbox.SandboxRejection;

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

	static SandboxRejection invalid(String field, Object value) {
		return of(400, "Invalid value of \"%value\" provided for the %fieldName field.",
				Map.of("fieldName", field, "value", String.valueOf(value)));
	}

}
