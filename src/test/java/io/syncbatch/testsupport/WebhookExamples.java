package io.syncbatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * BigCommerce's example webhook bodies ({@code contracts/bigcommerce/webhooks/}), as the
 * tests send them. Three examples carry a scope other than the event they are named for
 * and documented as ({@code store_customer_updated.json} and
 * {@code store_customer_deleted.json} say {@code store/customer/created},
 * {@code store_customer_address_updated.json} says
 * {@code store/customer/address/update}); their scope is corrected on a copy, the
 * published files stay as published, and {@link #errata()} lets a test notice when the
 * vendor fixes them.
 */
public final class WebhookExamples {

	public static final Path FOLDER = Path.of("contracts/bigcommerce/webhooks");

	/** Example name → the scope it is documented as, where the example says another. */
	private static final Map<String, String> ERRATA = Map.of("store_customer_updated", "store/customer/updated",
			"store_customer_deleted", "store/customer/deleted", "store_customer_address_updated",
			"store/customer/address/updated");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private WebhookExamples() {
	}

	/** The example's body, its scope corrected where it is wrong. */
	public static String body(String name) {
		ObjectNode body = (ObjectNode) JSON.readTree(published(name));
		String scope = ERRATA.get(name);
		if (scope != null) {
			body.put("scope", scope);
		}
		return JSON.writeValueAsString(body);
	}

	/** The example's body about another record: its {@code data.id} is this one. */
	public static String body(String name, String id) {
		ObjectNode body = (ObjectNode) JSON.readTree(body(name));
		((ObjectNode) body.get("data")).put("id", Long.parseLong(id));
		return JSON.writeValueAsString(body);
	}

	/** The example as published. */
	public static String published(String name) {
		try {
			return Files.readString(FOLDER.resolve(name + ".json"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The names of every example. */
	public static List<String> names() {
		try (Stream<Path> files = Files.list(FOLDER)) {
			return files.map(file -> file.getFileName().toString())
				.filter(file -> file.endsWith(".json"))
				.map(file -> file.substring(0, file.length() - ".json".length()))
				.sorted()
				.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The examples whose scope is corrected, with the scope they are documented as. */
	public static Map<String, String> errata() {
		return ERRATA;
	}

}
