package io.syncbatch.connector.magento;

import java.net.URI;

import org.springframework.http.HttpMethod;

/**
 * An integration's access token sent as a bearer token, which Magento accepts only where
 * the store allows it (Stores › Configuration › Services › OAuth › Consumer Settings ›
 * "Allow OAuth Access Tokens to be used as standalone Bearer tokens", off by default
 * since 2.4.4).
 */
record BearerToken(String token) implements Authorization {

	@Override
	public String header(HttpMethod method, URI uri) {
		return "Bearer " + token;
	}

	/** The token is a credential: it must never reach a log line through toString. */
	@Override
	public String toString() {
		return "BearerToken[<redacted>]";
	}

}
