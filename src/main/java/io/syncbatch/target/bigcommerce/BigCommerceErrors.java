package io.syncbatch.target.bigcommerce;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns BigCommerce's error bodies ({@code title} plus an {@code errors} map) into one readable sentence. */
final class BigCommerceErrors {

    private BigCommerceErrors() {
    }

    static String message(JsonMapper json, int status, String body) {
        try {
            JsonNode error = json.readTree(body);
            List<String> details = new ArrayList<>();
            JsonNode errors = error.path("errors");
            errors.properties().forEach(entry -> details.add(entry.getKey() + ": " + entry.getValue().asString()));
            String title = error.path("title").asString("");
            String text = title.isEmpty() ? "HTTP " + status : title;
            return details.isEmpty() ? text : text + " (" + String.join("; ", details) + ")";
        }
        catch (JacksonException notJson) {
            return "HTTP " + status + ": " + body;
        }
    }
}
