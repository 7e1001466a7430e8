package io.syncbatch.connector.bigcommerce;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * BigCommerce's published contracts, as the build packs them into the jar under
 * {@code contracts/bigcommerce/} (unmodified copies of the repository's
 * {@code contracts/bigcommerce/}). Each is read once, when a resource it declares is
 * first written: commands that write nothing do not pay for reading them.
 */
@Component
class BigCommerceContracts {

	private final Map<String, OpenApiContract> byFile = new ConcurrentHashMap<>();

	/**
	 * The contract in {@code contracts/bigcommerce/<file>}, e.g.
	 * {@code customers.v3.yml}.
	 */
	OpenApiContract named(String file) {
		return byFile.computeIfAbsent(file, named -> OpenApiContract.onClasspath("bigcommerce/" + named));
	}

}
