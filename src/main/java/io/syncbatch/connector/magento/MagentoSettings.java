package io.syncbatch.connector.magento;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.syncbatch.connector.magento.sandbox.MagentoSandbox;

/**
 * A Magento store's own settings, beside the common ones under
 * {@code syncbatch.stores.<name>}.
 *
 * @param apiUrl the store's address, e.g. {@code https://shop.example.com}; requests go
 * to {@code <apiUrl>/rest/<storeCode>/V1/…}
 * @param storeCode the store view the requests are made in ({@code default}, or
 * {@code all} for every one)
 * @param auth {@code oauth}: each request signed with the integration's four credentials
 * (Magento's default since 2.4.4); {@code bearer}: its access token sent as a bearer
 * token, where the store allows it
 * @param consumerKey the integration's consumer key (oauth)
 * @param consumerSecret the integration's consumer secret (oauth)
 * @param accessToken the integration's access token (both)
 * @param accessTokenSecret the integration's access token secret (oauth)
 * @param signatureMethod {@code HMAC_SHA256}, or {@code HMAC_SHA1} for a store that
 * checks only that
 * @param dataFile where the local sandbox keeps its data between runs (sandbox stores
 * only)
 * @param rootCategoryId the category an ERP category without parent goes under: the
 * store's root ({@code Default Category}, 2 in a new Magento)
 * @param attributeSetId the attribute set new products get ({@code Default}, 4 in a new
 * Magento)
 * @param demoShopper a local sandbox without a data file yet starts with a shopper who
 * has placed an order
 */
record MagentoSettings(@Nullable URI apiUrl, @DefaultValue("default") String storeCode,
		@DefaultValue("oauth") Auth auth, @Nullable String consumerKey, @Nullable String consumerSecret,
		@Nullable String accessToken, @Nullable String accessTokenSecret,
		@DefaultValue("HMAC_SHA256") OAuthSigner.SignatureMethod signatureMethod, @Nullable String dataFile,
		@DefaultValue("2") long rootCategoryId, @DefaultValue("4") long attributeSetId, boolean demoShopper) {

	enum Auth {

		OAUTH, BEARER

	}

	/**
	 * What a store cannot do without, each named by its setting.
	 * @throws IllegalArgumentException naming the setting that is missing or wrong
	 */
	void check(boolean sandbox) {
		if (!sandbox && (apiUrl == null
				|| !("https".equalsIgnoreCase(apiUrl.getScheme()) || "http".equalsIgnoreCase(apiUrl.getScheme()))
				|| apiUrl.getHost() == null)) {
			throw new IllegalArgumentException(
					"api-url " + (apiUrl == null ? "is required" : "'" + apiUrl + "' is not an http(s) address")
							+ " (the store's address, e.g. https://shop.example.com)");
		}
		if (!storeCode.matches("[a-z0-9_]+")) {
			throw new IllegalArgumentException(
					"store-code '" + storeCode + "' is not a Magento store code (lower-case letters, digits, _)");
		}
		if (sandbox && !MagentoSandbox.STORE_CODE.equals(storeCode)) {
			throw new IllegalArgumentException("store-code '" + storeCode + "': the local sandbox serves only store"
					+ " view '" + MagentoSandbox.STORE_CODE + "'");
		}
		required(accessToken, "access-token");
		if (auth == Auth.OAUTH) {
			required(consumerKey, "consumer-key");
			required(consumerSecret, "consumer-secret");
			required(accessTokenSecret, "access-token-secret");
		}
	}

	/**
	 * Where every path of the admin schema is below: {@code <apiUrl>/rest/<storeCode>}.
	 */
	URI storeRoot() {
		return storeRoot(Objects.requireNonNull(apiUrl));
	}

	/** The store root of a store at this address (a local sandbox's). */
	URI storeRoot(URI address) {
		return URI.create(address.toString().replaceAll("/+$", "") + "/rest/" + storeCode);
	}

	OAuthSigner.Credentials credentials() {
		return new OAuthSigner.Credentials(String.valueOf(consumerKey), String.valueOf(consumerSecret),
				String.valueOf(accessToken), String.valueOf(accessTokenSecret));
	}

	Authorization authorization(Clock clock) {
		return switch (auth) {
			case BEARER -> new BearerToken(String.valueOf(accessToken));
			case OAUTH -> new OAuthSigner(credentials(), signatureMethod, clock);
		};
	}

	private void required(@Nullable String value, String setting) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(
					setting + " is required with auth: " + auth.name().toLowerCase(java.util.Locale.ROOT)
							+ " (from the integration Magento's admin shows under System › Extensions › Integrations)");
		}
	}

	/** Credentials must never reach a log line through toString. */
	@Override
	public String toString() {
		return "MagentoSettings[apiUrl=" + apiUrl + ", storeCode=" + storeCode + ", auth=" + auth
				+ ", credentials <redacted>]";
	}

}
