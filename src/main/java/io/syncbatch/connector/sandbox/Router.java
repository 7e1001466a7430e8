package io.syncbatch.connector.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Finds the route for a method and a path below the store root: 404 when no route has the
 * path, 405 when none has the method, and 400 for a query parameter the route does not
 * implement, because silently ignoring a filter would answer with the wrong records.
 */
public final class Router {

	private final List<Route> routes = new ArrayList<>();

	public Router add(String method, String template, Set<String> query, Function<SandboxRequest, Reply> handler) {
		routes.add(Route.of(method, template, query, handler));
		return this;
	}

	/** The route and the segments its path captured, still percent-encoded. */
	public record Match(Route route, List<String> segments) {
	}

	public Match find(String method, String path, Map<String, String> query) {
		TreeSet<String> allowed = new TreeSet<>();
		for (Route route : routes) {
			Matcher matcher = route.path().matcher(path);
			if (!matcher.matches()) {
				continue;
			}
			if (!route.method().equals(method)) {
				allowed.add(route.method());
				continue;
			}
			for (String name : query.keySet()) {
				if (!route.query().contains(name)) {
					throw SandboxRejection.badRequest("Query parameter " + name + " is not supported by this sandbox"
							+ " store for " + method + " " + path + " (supported: "
							+ (route.query().isEmpty() ? "none" : String.join(", ", new TreeSet<>(route.query())))
							+ ")");
				}
			}
			List<String> segments = new ArrayList<>();
			for (int group = 1; group <= matcher.groupCount(); group++) {
				segments.add(matcher.group(group));
			}
			return new Match(route, List.copyOf(segments));
		}
		if (!allowed.isEmpty()) {
			throw SandboxRejection.methodNotAllowed("Method " + method + " is not supported for " + path
					+ " by this sandbox store (allowed: " + String.join(", ", allowed) + ")", List.copyOf(allowed));
		}
		throw new SandboxRejection(404, "The route " + path + " is not found in this sandbox store", Map.of());
	}

}
