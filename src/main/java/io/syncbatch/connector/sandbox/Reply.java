package io.syncbatch.connector.sandbox;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * What the sandbox answers: a status and a JSON body, or no body at all (v2's 204 for an
 * empty list).
 */
public record Reply(int status, @Nullable JsonNode body) {

	public static Reply noContent() {
		return new Reply(204, null);
	}

	public static Reply ok(JsonNode body) {
		return new Reply(200, body);
	}
}
