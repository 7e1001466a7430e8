package io.syncbatch.connector.magento;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signature Magento checks, against the worked examples of the OAuth specifications:
 * a signature that is off by one encoding is refused by every store.
 */
class OAuthSignerTest {

	/** OAuth Core 1.0, Appendix A: the photo-printing example. */
	private static final OAuthSigner.Credentials PHOTOS = new OAuthSigner.Credentials("dpf43f3p2l4k3l03",
			"kd94hf93k423kf44", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00");

	@Test
	void theSpecificationsPhotoExampleIsSignedAsItsAppendixShows() {
		OAuthSigner signer = new OAuthSigner(PHOTOS, OAuthSigner.SignatureMethod.HMAC_SHA1,
				Clock.fixed(Instant.ofEpochSecond(1191242096), ZoneOffset.UTC), () -> "kllo9940pd9333jh");

		String header = signer.header(HttpMethod.GET,
				URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original"));

		assertThat(header).startsWith("OAuth ")
			.contains("oauth_consumer_key=\"dpf43f3p2l4k3l03\"", "oauth_token=\"nnch734d00sl2jdk\"",
					"oauth_signature_method=\"HMAC-SHA1\"", "oauth_timestamp=\"1191242096\"",
					"oauth_nonce=\"kllo9940pd9333jh\"", "oauth_version=\"1.0\"")
			.contains("oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\"");
	}

	@Test
	void theBaseStringDecodesTheQueryAndEncodesEachPartOnceAsRfc5849Shows() {
		// RFC 5849, 3.4.1.1, without the example's form body (JSON bodies are not
		// signed).
		Map<String, String> oauth = new LinkedHashMap<>();
		oauth.put("oauth_consumer_key", "9djdj82h48djs9d2");
		oauth.put("oauth_token", "kkk9d7dh3k39sjv7");
		oauth.put("oauth_signature_method", "HMAC-SHA1");
		oauth.put("oauth_timestamp", "137131201");
		oauth.put("oauth_nonce", "7d8f3e4a");

		String base = OAuthSigner.baseString(HttpMethod.POST,
				URI.create("http://EXAMPLE.COM:80/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"), oauth);

		assertThat(base).isEqualTo("POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3Da%26b5%3D%253D%25253D"
				+ "%26c%2540%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
				+ "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7");
	}

	@Test
	void aSearchsCriteriaAreSignedAsMagentoReadsThemWhateverEncodingTheBracketsTravelIn() {
		OAuthSigner signer = new OAuthSigner(PHOTOS, OAuthSigner.SignatureMethod.HMAC_SHA256,
				Clock.fixed(Instant.ofEpochSecond(1796600000), ZoneOffset.UTC), () -> "n0nce");

		String encoded = signer.header(HttpMethod.GET,
				URI.create("https://shop.example.com/rest/default/V1/customers/search"
						+ "?searchCriteria%5BpageSize%5D=300&searchCriteria%5BcurrentPage%5D=1"));
		String reordered = signer.header(HttpMethod.GET,
				URI.create("https://shop.example.com/rest/default/V1/customers/search"
						+ "?searchCriteria%5bcurrentPage%5d=1&searchCriteria%5bpageSize%5d=300"));
		String otherPage = signer.header(HttpMethod.GET,
				URI.create("https://shop.example.com/rest/default/V1/customers/search"
						+ "?searchCriteria%5BpageSize%5D=300&searchCriteria%5BcurrentPage%5D=2"));

		assertThat(encoded).contains("oauth_signature_method=\"HMAC-SHA256\"")
			.isEqualTo(reordered)
			.isNotEqualTo(otherPage);
		assertThat(OAuthSigner.baseString(HttpMethod.GET, URI
			.create("https://shop.example.com:443/rest/default/V1/customers/search?searchCriteria%5BpageSize%5D=300"),
				Map.of()))
			.isEqualTo("GET&https%3A%2F%2Fshop.example.com%2Frest%2Fdefault%2FV1%2Fcustomers%2Fsearch"
					+ "&searchCriteria%255BpageSize%255D%3D300");
	}

	@Test
	void theQueryIsNormalisedAsMagentoChecksIt() {
		String base = OAuthSigner.baseString(HttpMethod.GET, URI.create("https://shop.example.com/rest/V1/orders"
				+ "?f%5B10%5D=ten&f%5B2%5D=two&plus=a+b&twice=first&twice=last&bare&a=b=c"), Map.of());

		assertThat(base).as("natural order of names, '+' kept, the last of a repeated name, odd pairs skipped")
			.isEqualTo("GET&https%3A%2F%2Fshop.example.com%2Frest%2FV1%2Forders"
					+ "&f%255B2%255D%3Dtwo%26f%255B10%255D%3Dten%26plus%3Da%252Bb%26twice%3Dlast");
		assertThat(OAuthSigner.naturalOrder("a2", "a10")).isNegative();
		assertThat(OAuthSigner.naturalOrder("a010", "a9")).isPositive();
		assertThat(OAuthSigner.naturalOrder("oauth_nonce", "oauth_signature_method")).isNegative();
		assertThat(OAuthSigner.naturalOrder("ab", "abc")).isNegative();
	}

	@Test
	void eachRequestHasANonceOfItsOwnAndNoSecretIsShown() {
		OAuthSigner signer = new OAuthSigner(PHOTOS, OAuthSigner.SignatureMethod.HMAC_SHA256, Clock.systemUTC());
		URI uri = URI.create("https://shop.example.com/rest/default/V1/customers/5");

		assertThat(signer.header(HttpMethod.GET, uri)).isNotEqualTo(signer.header(HttpMethod.GET, uri));
		assertThat(signer.toString()).doesNotContain("dpf43f3p2l4k3l03", "kd94hf93k423kf44", "pfkkdhi9sl3r4s00",
				"nnch734d00sl2jdk");
	}

}
