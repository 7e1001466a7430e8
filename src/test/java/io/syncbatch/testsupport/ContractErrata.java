package io.syncbatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Corrections to five defects of the published contracts, applied to a copy before
 * validating; the vendor's files stay as published. Each correction is one the document
 * itself asks for, and each is reported in {@link #applied()} so a test notices when the
 * vendor fixes the document and the erratum can go:
 * <ul>
 * <li>{@code type: [string, 'null']} is OpenAPI 3.1 syntax inside OpenAPI 3.0 documents
 * (orders.v2's {@code external_id}); the 3.0 parser reads it as an object, so every valid
 * order would fail. It becomes {@code type: string, nullable: true}, which is what it
 * means.</li>
 * <li>orders.v2 types {@code billingAddress_Base.zip} as a number while its own example
 * is the string {@code '12345'}, its description asks for "two or more characters" and
 * the shipping address's zip is "Zip or postal code, as a string". Sending a number would
 * turn 07105 into 7105.</li>
 * <li>orders.v2's {@code sort} parameter of {@code GET /orders} lists bare field names
 * ({@code date_modified}) as its enum while its own description says "To specify the
 * direction, add {@code :asc} or {@code :desc}", with the example
 * {@code sort=date_created:desc}. The enum gains each value with {@code :asc} and
 * {@code :desc}, so a request that follows the description is not refused.</li>
 * <li>Magento's admin schema has, as {@code info.description}, a {@code $ref} object to a
 * page of Adobe's documentation site (an extension of the Redocly tool that renders it)
 * where Swagger 2.0 wants a string; the strict parser refuses the whole document for it.
 * It becomes a string naming the page.</li>
 * <li>The same schema's only security definition is a header named {@code api_key}, a
 * placeholder of the generator: Magento reads credentials from the {@code Authorization}
 * header (a bearer token, or an OAuth 1.0a signature), and no Magento answers to an
 * {@code api_key} header. The definition names {@code Authorization}, so that a request
 * without credentials is still refused.</li>
 * </ul>
 */
final class ContractErrata {

	private final List<String> applied = new ArrayList<>();

	private @Nullable JsonNode document;

	/**
	 * The file to validate against: the published one, or a corrected copy when an
	 * erratum applied.
	 */
	Path correct(Path published) {
		YAMLMapper yaml = YAMLMapper.builder().build();
		JsonNode root = yaml.readTree(published);
		document = root;
		if (root.has("openapi")) {
			// Swagger 2 documents (catalog.v3) have no nullable; their converter reads
			// these lists itself.
			nullableTypes(root, published.getFileName() + ": ");
		}
		JsonNode zip = root.at("/components/schemas/billingAddress_Base/properties/zip");
		if (zip instanceof ObjectNode zipSchema && "number".equals(zipSchema.path("type").asString(""))) {
			zipSchema.put("type", "string");
			applied.add(published.getFileName() + ": billingAddress_Base.zip number -> string");
		}
		JsonNode sort = queryParameter(root, root.at("/paths/~1orders/get/parameters"), "sort");
		if (sort != null && sort.at("/schema/enum") instanceof ArrayNode values && !hasDirections(values)) {
			List<String> bare = new ArrayList<>();
			values.forEach(value -> bare.add(value.asString()));
			for (String field : bare) {
				values.add(field + ":asc").add(field + ":desc");
			}
			applied.add(published.getFileName() + ": GET /orders sort enum + :asc/:desc");
		}
		if (root.at("/info/description") instanceof ObjectNode description && description.has("$ref")
				&& root.get("info") instanceof ObjectNode info) {
			info.put("description", "See " + description.get("$ref").asString());
			applied.add(published.getFileName() + ": info.description $ref object -> string");
		}
		if (root.at("/securityDefinitions/api_key") instanceof ObjectNode apiKey
				&& "api_key".equals(apiKey.path("name").asString(""))
				&& root.at("/info/title").asString("").startsWith("Commerce Admin REST endpoints")) {
			apiKey.put("name", "Authorization");
			applied.add(published.getFileName() + ": securityDefinitions.api_key header api_key -> Authorization");
		}
		if (applied.isEmpty()) {
			return published;
		}
		try {
			Path copy = Files
				.createTempFile("corrected-" + published.getFileName().toString().replaceAll("\\.ya?ml$", ""), ".yml");
			copy.toFile().deleteOnExit();
			yaml.writeValue(copy.toFile(), root);
			return copy;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The document {@link #correct} read, as corrected. */
	JsonNode document() {
		return Objects.requireNonNull(document, "correct(...) has not read a contract yet");
	}

	List<String> applied() {
		return List.copyOf(applied);
	}

	/**
	 * The query parameter {@code name} of an operation's parameter list, followed through
	 * a local {@code $ref}; {@code null} when there is none.
	 */
	private static @Nullable JsonNode queryParameter(JsonNode root, JsonNode parameters, String name) {
		for (JsonNode parameter : parameters) {
			JsonNode resolved = parameter;
			String ref = parameter.path("$ref").asString("");
			if (ref.startsWith("#/")) {
				resolved = root.at(ref.substring(1));
			}
			if (name.equals(resolved.path("name").asString("")) && "query".equals(resolved.path("in").asString(""))) {
				return resolved;
			}
		}
		return null;
	}

	private static boolean hasDirections(ArrayNode values) {
		for (JsonNode value : values) {
			if (value.asString("").endsWith(":asc") || value.asString("").endsWith(":desc")) {
				return true;
			}
		}
		return false;
	}

	private void nullableTypes(JsonNode node, String at) {
		if (node instanceof ObjectNode object) {
			JsonNode type = object.get("type");
			if (type instanceof ArrayNode types && types.size() == 2 && containsNull(types)) {
				String real = types.get(0).asString().equals("null") ? types.get(1).asString()
						: types.get(0).asString();
				object.put("type", real);
				object.put("nullable", true);
				applied.add(at + ": type [" + real + ", null] -> " + real + ", nullable");
			}
			object.properties()
				.forEach(entry -> nullableTypes(entry.getValue(), at + (at.endsWith(" ") ? "" : ".") + entry.getKey()));
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				nullableTypes(array.get(i), at + "[" + i + "]");
			}
		}
	}

	private static boolean containsNull(ArrayNode types) {
		for (JsonNode type : types) {
			if (type.isString() && type.asString().equals("null")) {
				return true;
			}
		}
		return false;
	}

}
