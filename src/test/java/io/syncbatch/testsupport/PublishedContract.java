package io.syncbatch.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Finds a published contract under the repository's contracts/ directory and works out
 * the base path it declares.
 *
 * <p>
 * The contracts are the vendors' published files, copied unmodified into contracts/ (each
 * folder's SOURCE.md names repository, path, commit and licence), so that tests check the
 * connector against what the vendor publishes rather than against our own reading of it.
 * Vendor defects are corrected only on in-memory copies ({@code ContractErrata});
 * {@code ContractCopiesTest} compares the copies with ../shared/contracts when it exists.
 * {@code SYNCBATCH_CONTRACTS}, if set, points at another contracts directory instead.
 */
record PublishedContract(Path file, String basePath, List<String> credentialHeaders) {

	static final String CONTRACTS_ENV = "SYNCBATCH_CONTRACTS";
	static final String DEFAULT_DIR = "contracts";

	// The store hash appears as a server variable, e.g. {$$.env.store_hash}.
	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]*}");

	static PublishedContract locate(String relativeName, String storeHash) {
		String configured = System.getenv(CONTRACTS_ENV);
		boolean overridden = configured != null && !configured.isBlank();
		Path dir = overridden ? Path.of(configured) : Path.of(System.getProperty("user.dir")).resolve(DEFAULT_DIR);
		Path file = dir.resolve(relativeName).toAbsolutePath().normalize();
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("Published contract " + relativeName + " not found at " + file
					+ (overridden ? " (from " + CONTRACTS_ENV + "=" + configured + ")"
							: " (" + DEFAULT_DIR + "/ relative to the working directory "
									+ System.getProperty("user.dir") + ")")
					+ ". The published contracts live in the repository's " + DEFAULT_DIR
					+ "/ folder; run the tests from the project root or point " + CONTRACTS_ENV
					+ " at a contracts directory.");
		}
		JsonNode root = YAMLMapper.builder().build().readTree(file);
		String basePath = PATH_VARIABLE.matcher(declaredBasePath(file, root))
			.replaceAll(Matcher.quoteReplacement(storeHash));
		return new PublishedContract(file, basePath, headerApiKeys(root));
	}

	/** This contract, with the credential headers a corrected copy of it defines. */
	PublishedContract withCredentialHeadersOf(JsonNode corrected) {
		return new PublishedContract(file, basePath, headerApiKeys(corrected));
	}

	/**
	 * Header names of the apiKey security schemes the contract actually defines (OpenAPI
	 * 3 or Swagger 2).
	 */
	private static List<String> headerApiKeys(JsonNode root) {
		JsonNode schemes = root.path("components").path("securitySchemes");
		if (schemes.isMissingNode()) {
			schemes = root.path("securityDefinitions");
		}
		List<String> headers = new ArrayList<>();
		for (JsonNode scheme : schemes) {
			if ("apiKey".equals(scheme.path("type").asString("")) && "header".equals(scheme.path("in").asString(""))
					&& !scheme.path("name").asString("").isEmpty()) {
				headers.add(scheme.get("name").asString());
			}
		}
		return List.copyOf(headers);
	}

	private static String declaredBasePath(Path file, JsonNode root) {
		String serverUrl = root.path("servers").path(0).path("url").asString("");
		if (!serverUrl.isEmpty()) {
			int scheme = serverUrl.indexOf("://");
			int pathStart = scheme < 0 ? 0 : serverUrl.indexOf('/', scheme + 3);
			return pathStart < 0 ? "" : stripTrailingSlash(serverUrl.substring(pathStart));
		}
		String swagger2BasePath = root.path("basePath").asString("");
		if (!swagger2BasePath.isEmpty()) {
			return stripTrailingSlash(swagger2BasePath);
		}
		throw new IllegalStateException("Contract " + file + " declares neither servers[0].url nor basePath");
	}

	private static String stripTrailingSlash(String path) {
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}
}
