package io.syncbatch.connector.bigcommerce;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A BigCommerce store's own settings, beside the common ones under
 * {@code syncbatch.stores.<name>}.
 *
 * @param apiUrl BigCommerce's API host; the store root is
 * {@code <apiUrl>/stores/<storeHash>}
 * @param storeHash the store's hash, from its API account
 * @param accessToken the API account's token, sent as {@code X-Auth-Token}
 * @param dataFile where the local sandbox keeps its data between runs (sandbox stores
 * only)
 * @param demoShoppers a local sandbox without a data file yet starts with two shoppers
 * who signed up in the store and an order the first of them placed (the embedded
 * default's demo)
 */
public record BigCommerceSettings(@DefaultValue("https://api.bigcommerce.com") URI apiUrl, @Nullable String storeHash,
		@Nullable String accessToken, @Nullable String dataFile, boolean demoShoppers) {

	/** What a store that is not the sandbox cannot do without. */
	void check(boolean sandbox) {
		if (storeHash == null || storeHash.isBlank()) {
			throw new IllegalArgumentException("store-hash is required");
		}
		if (!storeHash.matches("[A-Za-z0-9_-]+")) {
			throw new IllegalArgumentException(
					"store-hash '" + storeHash + "' is not a store hash (letters and digits)");
		}
		if (accessToken == null || accessToken.isBlank()) {
			throw new IllegalArgumentException("access-token is required");
		}
		if (!sandbox && !"https".equalsIgnoreCase(apiUrl.getScheme()) && !"http".equalsIgnoreCase(apiUrl.getScheme())) {
			throw new IllegalArgumentException("api-url '" + apiUrl + "' is not an http(s) address");
		}
	}

	URI storeRoot() {
		return URI.create(apiUrl.toString().replaceAll("/+$", "") + "/stores/" + storeHash);
	}

	/** The token is a credential: it must never reach a log line through toString. */
	@Override
	public String toString() {
		return "BigCommerceSettings[apiUrl=" + apiUrl + ", storeHash=" + storeHash + ", accessToken="
				+ (accessToken == null ? "<none>" : "<redacted>") + "]";
	}

}
