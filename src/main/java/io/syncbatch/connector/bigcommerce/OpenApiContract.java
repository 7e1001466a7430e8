package io.syncbatch.connector.bigcommerce;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One published contract (OpenAPI 3 or Swagger 2), read for the limits of request bodies.
 * A small reader, not a validator: it follows {@code $ref}s within the document, merges
 * {@code allOf}, and takes from each schema the limits {@link FieldLimits} checks;
 * {@code oneOf}/{@code anyOf} alternatives are left to the store, since a value need only
 * fit one of them.
 */
final class OpenApiContract {

	/** Deeper than any body the connector writes; stops a schema that contains itself. */
	private static final int MAX_DEPTH = 12;

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]*}");

	private final String name;

	private final JsonNode root;

	private final String basePath;

	private OpenApiContract(String name, JsonNode root) {
		this.name = name;
		this.root = root;
		this.basePath = basePath(root);
	}

	/**
	 * Reads {@code contracts/<location>} from the classpath, where the build packs it.
	 */
	static OpenApiContract onClasspath(String location) {
		ClassPathResource resource = new ClassPathResource("contracts/" + location);
		try (InputStream in = resource.getInputStream()) {
			return read(location.substring(location.lastIndexOf('/') + 1), in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the published contract contracts/" + location
					+ " is not on the classpath; the build packs it into the jar", ex);
		}
	}

	static OpenApiContract read(String name, InputStream yaml) {
		return new OpenApiContract(name, YAMLMapper.builder().build().readTree(yaml));
	}

	/** The file's name, as messages cite it: {@code customers.v3.yml}. */
	String name() {
		return name;
	}

	/**
	 * The path every one of the contract's paths is below, after the store's own prefix:
	 * {@code /v3} for {@code https://api.bigcommerce.com/stores/{store_hash}/v3}.
	 */
	String basePath() {
		return basePath;
	}

	/**
	 * The limits of the JSON body of a request, or null when the contract declares the
	 * request without a body.
	 * @param path below {@link #basePath()}; variables may have other names than the
	 * contract's ({@code /orders/{id}} is {@code /orders/{order_id}})
	 * @throws IllegalArgumentException when the contract has no such request
	 */
	@Nullable FieldLimits requestBody(HttpMethod method, String path) {
		String shape = shape(path);
		JsonNode pathItem = root.path("paths").path(path);
		for (Map.Entry<String, JsonNode> declared : root.path("paths").properties()) {
			if (shape(declared.getKey()).equals(shape)) {
				pathItem = declared.getValue();
			}
		}
		JsonNode operation = pathItem.path(method.name().toLowerCase(Locale.ROOT));
		if (!operation.isObject()) {
			throw new IllegalArgumentException(name + " declares no " + method.name() + " " + basePath + path);
		}
		JsonNode requestBody = resolve(operation.path("requestBody"));
		JsonNode schema = requestBody.path("content").path("application/json").path("schema");
		if (schema.isMissingNode()) {
			// Swagger 2: the body is a parameter, of the operation or of its path.
			List<JsonNode> parameters = new ArrayList<>();
			operation.path("parameters").forEach(parameters::add);
			pathItem.path("parameters").forEach(parameters::add);
			for (JsonNode parameter : parameters) {
				JsonNode resolved = resolve(parameter);
				if ("body".equals(resolved.path("in").asString(""))) {
					schema = resolved.path("schema");
				}
			}
		}
		return schema.isMissingNode() ? null : limits(schema, 0, new HashSet<>());
	}

	private FieldLimits limits(JsonNode node, int depth, Set<String> refsAbove) {
		Set<String> refs = new HashSet<>(refsAbove);
		JsonNode schema = node;
		while (schema.has("$ref")) {
			String ref = schema.get("$ref").asString("");
			if (!refs.add(ref) || depth > MAX_DEPTH) {
				return none();
			}
			schema = resolve(schema);
		}
		Builder limits = new Builder();
		limits.add(schema, this, depth, refs);
		return limits.build();
	}

	/** Follows a {@code $ref} within the document ({@code #/components/schemas/…}). */
	private JsonNode resolve(JsonNode node) {
		JsonNode resolved = node;
		for (int hops = 0; resolved.has("$ref") && hops < MAX_DEPTH; hops++) {
			String ref = resolved.get("$ref").asString("");
			if (!ref.startsWith("#/")) {
				throw new IllegalArgumentException(name + ": $ref '" + ref + "' points outside the document");
			}
			JsonNode target = root;
			for (String part : ref.substring(2).split("/")) {
				target = target.path(part.replace("~1", "/").replace("~0", "~"));
			}
			if (target.isMissingNode()) {
				throw new IllegalArgumentException(name + ": $ref '" + ref + "' names nothing in the document");
			}
			resolved = target;
		}
		return resolved;
	}

	private static FieldLimits none() {
		return new FieldLimits(null, null, null, false, null, false, List.of(), null, null, Set.of(), Map.of(), null);
	}

	private static String shape(String path) {
		return PATH_VARIABLE.matcher(path).replaceAll("{}");
	}

	private static String basePath(JsonNode root) {
		String url = root.path("servers").path(0).path("url").asString("");
		String path = url.isEmpty() ? root.path("basePath").asString("") : url.replaceFirst("^[a-z]+://[^/]*", "");
		int store = path.indexOf("/stores/");
		if (store >= 0) {
			int afterHash = path.indexOf('/', store + "/stores/".length());
			path = afterHash < 0 ? "" : path.substring(afterHash);
		}
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	/** The limits of one schema, with those of its {@code allOf} parts merged in. */
	private static final class Builder {

		private @Nullable Integer minLength;

		private @Nullable Integer maxLength;

		private @Nullable BigDecimal minimum;

		private boolean exclusiveMinimum;

		private @Nullable BigDecimal maximum;

		private boolean exclusiveMaximum;

		private final List<String> allowed = new ArrayList<>();

		private @Nullable Pattern pattern;

		private @Nullable Integer maxItems;

		private final Set<String> required = new HashSet<>();

		private final Map<String, FieldLimits> properties = new HashMap<>();

		private @Nullable FieldLimits items;

		void add(JsonNode schema, OpenApiContract contract, int depth, Set<String> refs) {
			if (minLength == null && schema.path("minLength").isNumber()) {
				minLength = schema.get("minLength").intValue();
			}
			if (maxLength == null && schema.path("maxLength").isNumber()) {
				maxLength = schema.get("maxLength").intValue();
			}
			if (minimum == null && schema.path("minimum").isNumber()) {
				minimum = schema.get("minimum").decimalValue();
				exclusiveMinimum = schema.path("exclusiveMinimum").asBoolean(false);
			}
			else if (minimum == null && schema.path("exclusiveMinimum").isNumber()) {
				minimum = schema.get("exclusiveMinimum").decimalValue();
				exclusiveMinimum = true;
			}
			if (maximum == null && schema.path("maximum").isNumber()) {
				maximum = schema.get("maximum").decimalValue();
				exclusiveMaximum = schema.path("exclusiveMaximum").asBoolean(false);
			}
			else if (maximum == null && schema.path("exclusiveMaximum").isNumber()) {
				maximum = schema.get("exclusiveMaximum").decimalValue();
				exclusiveMaximum = true;
			}
			if (allowed.isEmpty() && schema.path("enum").isArray()) {
				schema.get("enum").forEach(value -> {
					if (!value.isNull()) {
						allowed.add(value.isNumber() ? FieldLimits.asText(value.decimalValue()) : value.asString(""));
					}
				});
			}
			if (pattern == null && schema.path("pattern").isString()) {
				try {
					pattern = Pattern.compile(schema.get("pattern").asString());
				}
				catch (PatternSyntaxException notJava) {
					// An ECMA-only construct: left to the store rather than guessed at.
				}
			}
			if (maxItems == null && schema.path("maxItems").isNumber()) {
				maxItems = schema.get("maxItems").intValue();
			}
			schema.path("required").forEach(name -> required.add(name.asString("")));
			if (depth < MAX_DEPTH) {
				for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
					properties.putIfAbsent(property.getKey(), contract.limits(property.getValue(), depth + 1, refs));
				}
				if (items == null && schema.has("items")) {
					items = contract.limits(schema.get("items"), depth + 1, refs);
				}
				for (JsonNode part : schema.path("allOf")) {
					Set<String> partRefs = new HashSet<>(refs);
					JsonNode resolved = part;
					boolean loops = false;
					while (resolved.has("$ref") && !loops) {
						loops = !partRefs.add(resolved.get("$ref").asString(""));
						resolved = contract.resolve(resolved);
					}
					if (!loops) {
						add(resolved, contract, depth + 1, partRefs);
					}
				}
			}
		}

		FieldLimits build() {
			return new FieldLimits(minLength, maxLength, minimum, exclusiveMinimum, maximum, exclusiveMaximum, allowed,
					pattern, maxItems, required, properties, items);
		}

	}

}
