package io.syncbatch.connector.sandbox;

import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One endpoint: a method, a path below the store root with {@code {id}} for numeric
 * segments and {@code {key}} for any other one (a product's SKU), the query parameters it
 * implements, and what answers it.
 */
public record Route(String method, Pattern path, Set<String> query, Function<SandboxRequest, Reply> handler) {

	public static Route of(String method, String template, Set<String> query, Function<SandboxRequest, Reply> handler) {
		String regex = Pattern.quote(template).replace("{id}", "\\E(\\d{1,9})\\Q").replace("{key}", "\\E([^/]+)\\Q");
		return new Route(method, Pattern.compile(regex), Set.copyOf(query), handler);
	}
}
