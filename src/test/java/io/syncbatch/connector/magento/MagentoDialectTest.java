package io.syncbatch.connector.magento;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How a Magento store's settings become each request's credentials and its refusals a
 * sentence.
 */
class MagentoDialectTest {

	private final JsonMapper json = JsonMapper.builder().build();

	private final URI customer = URI.create("https://shop.example.com/rest/default/V1/customers/5");

	@Test
	void anIntegrationsFourCredentialsSignEveryRequestAndABearerTokenIsSentAsIs() {
		HttpHeaders signed = new HttpHeaders();
		HttpHeaders bearer = new HttpHeaders();

		// Secrets long enough that a random nonce or signature cannot hold them by
		// chance.
		dialect(new MagentoSettings(URI.create("https://shop.example.com"), "default", MagentoSettings.Auth.OAUTH, "ck",
				"consumer-secret-1", "at", "token-secret-2", OAuthSigner.SignatureMethod.HMAC_SHA256, null, 2, 4,
				false))
			.addHeaders(HttpMethod.GET, customer, signed);
		dialect(new MagentoSettings(URI.create("https://shop.example.com"), "default", MagentoSettings.Auth.BEARER,
				null, null, "at", null, OAuthSigner.SignatureMethod.HMAC_SHA256, null, 2, 4, false))
			.addHeaders(HttpMethod.GET, customer, bearer);

		assertThat(signed.getFirst(HttpHeaders.AUTHORIZATION)).startsWith("OAuth oauth_consumer_key=\"ck\",")
			.contains("oauth_token=\"at\"", "oauth_signature=\"")
			.doesNotContain("consumer-secret-1", "token-secret-2");
		assertThat(bearer.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer at");
	}

	@Test
	void aMissingCredentialIsNamedBySettingAndSecretsStayOutOfToString() {
		MagentoSettings withoutSecret = new MagentoSettings(URI.create("https://shop.example.com"), "default",
				MagentoSettings.Auth.OAUTH, "ck", "consumer-secret-value", "access-token-value", null,
				OAuthSigner.SignatureMethod.HMAC_SHA256, null, 2, 4, false);

		assertThatIllegalArgumentException().isThrownBy(() -> withoutSecret.check(false))
			.withMessageStartingWith("access-token-secret is required with auth: oauth");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MagentoSettings(URI.create("ftp://shop.example.com"), "default",
					MagentoSettings.Auth.BEARER, null, null, "at", null, OAuthSigner.SignatureMethod.HMAC_SHA256, null,
					2, 4, false)
				.check(false))
			.withMessageStartingWith("api-url 'ftp://shop.example.com' is not an http(s) address");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new MagentoSettings(URI.create("https://shop.example.com"), "Default Store",
					MagentoSettings.Auth.BEARER, null, null, "at", null, OAuthSigner.SignatureMethod.HMAC_SHA256, null,
					2, 4, false)
				.check(false))
			.withMessageStartingWith("store-code 'Default Store' is not a Magento store code");
		assertThat(withoutSecret.toString()).doesNotContain("consumer-secret-value", "access-token-value");
		assertThat(new MagentoSettings(URI.create("https://shop.example.com/"), "all", MagentoSettings.Auth.BEARER,
				null, null, "at", null, OAuthSigner.SignatureMethod.HMAC_SHA256, null, 2, 4, false)
			.storeRoot()).hasToString("https://shop.example.com/rest/all");
	}

	@Test
	void aRefusalIsShownWithItsPlaceholdersFilledIn() {
		MagentoDialect dialect = dialect(
				new MagentoSettings(URI.create("https://shop.example.com"), "default", MagentoSettings.Auth.BEARER,
						null, null, "at", null, OAuthSigner.SignatureMethod.HMAC_SHA256, null, 2, 4, false));

		assertThat(dialect.refusal(400, """
				{"message": "%fieldName is a required field.", "parameters": {"fieldName": "email"}}"""))
			.isEqualTo("HTTP 400: email is a required field.");
		assertThat(dialect.refusal(404, """
				{"message": "No such entity with %fieldName = %fieldValue",
				 "parameters": {"fieldName": "customerId", "fieldValue": "5"}}"""))
			.isEqualTo("HTTP 404: No such entity with customerId = 5");
		assertThat(dialect.refusal(404, """
				{"message": "No such entity with %fieldName = %fieldValue",
				 "parameters": [{"fieldName": "sku", "fieldValue": "FR-APPLE-1"}]}"""))
			.as("parameters as the admin schema's error-response lists them")
			.isEqualTo("HTTP 404: No such entity with sku = FR-APPLE-1");
		assertThat(dialect.refusal(400, """
				{"message": "The \\"%1\\" attribute value is empty. Set the attribute and try again.",
				 "parameters": ["firstname"]}"""))
			.isEqualTo("HTTP 400: The \"firstname\" attribute value is empty. Set the attribute and try again.");
		assertThat(dialect.refusal(400,
				"""
						{"message": "One or more input exceptions have occurred.", "errors": [
						 {"message": "\\"%fieldName\\" is required. Enter and try again.", "parameters": {"fieldName": "lastname"}},
						 {"message": "Invalid value of \\"%value\\" provided for the %fieldName field.",
						  "parameters": {"fieldName": "email", "value": "not-an-email"}}]}"""))
			.isEqualTo("HTTP 400: One or more input exceptions have occurred. (\"lastname\" is required. Enter and"
					+ " try again.; Invalid value of \"not-an-email\" provided for the email field.)");
		assertThat(dialect.refusal(400,
				"""
						{"message": "%1 %2 %3 %4 %5 %6 %7 %8 %9 %10", "parameters": ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]}"""))
			.isEqualTo("HTTP 400: a b c d e f g h i j");
		assertThat(dialect.refusal(502, "<html><body>Bad gateway</body></html>"))
			.isEqualTo("HTTP 502: <html><body>Bad gateway</body></html>");
	}

	@Test
	void aRetryAfterOfA429IsThePauseAskedFor() {
		MagentoDialect dialect = dialect(
				new MagentoSettings(URI.create("https://shop.example.com"), "default", MagentoSettings.Auth.BEARER,
						null, null, "at", null, OAuthSigner.SignatureMethod.HMAC_SHA256, null, 2, 4, false));
		HttpHeaders retryAfter = new HttpHeaders();
		retryAfter.set(HttpHeaders.RETRY_AFTER, "7");

		assertThat(dialect.pauseRequested(429, retryAfter)).hasValue(Duration.ofSeconds(7));
		assertThat(dialect.pauseRequested(429, new HttpHeaders())).isEmpty();
		assertThat(dialect.pauseRequested(503, retryAfter)).isEmpty();
	}

	private MagentoDialect dialect(MagentoSettings settings) {
		return new MagentoDialect(settings.authorization(Clock.systemUTC()), json);
	}

}
