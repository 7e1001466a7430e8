package io.syncbatch.connector.magento;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

/**
 * Signs each request with an integration's four credentials, as OAuth 1.0a (RFC 5849)
 * says and Magento checks: the signature covers the method, the address and every query
 * parameter, so a search's {@code searchCriteria} are signed as sent. JSON bodies are not
 * signed (only form bodies would be, and none is sent).
 */
public final class OAuthSigner implements Authorization {

	/** The signature methods Magento accepts. */
	public enum SignatureMethod {

		HMAC_SHA1("HMAC-SHA1", "HmacSHA1"), HMAC_SHA256("HMAC-SHA256", "HmacSHA256");

		private final String oauthName;

		private final String javaName;

		SignatureMethod(String oauthName, String javaName) {
			this.oauthName = oauthName;
			this.javaName = javaName;
		}

	}

	/** An integration's credentials, as Magento's admin shows them once activated. */
	public record Credentials(String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret) {

		/** Credentials: none may reach a log line through toString. */
		@Override
		public String toString() {
			return "Credentials[<redacted>]";
		}

	}

	private final Credentials credentials;

	private final SignatureMethod method;

	private final Clock clock;

	private final Supplier<String> nonces;

	OAuthSigner(Credentials credentials, SignatureMethod method, Clock clock) {
		this(credentials, method, clock, new RandomNonces());
	}

	/** With the nonces given, so that a signature can be compared with a known one. */
	OAuthSigner(Credentials credentials, SignatureMethod method, Clock clock, Supplier<String> nonces) {
		this.credentials = credentials;
		this.method = method;
		this.clock = clock;
		this.nonces = nonces;
	}

	@Override
	public String header(HttpMethod httpMethod, URI uri) {
		Map<String, String> oauth = new LinkedHashMap<>();
		oauth.put("oauth_consumer_key", credentials.consumerKey());
		oauth.put("oauth_nonce", nonces.get());
		oauth.put("oauth_signature_method", method.oauthName);
		oauth.put("oauth_timestamp", Long.toString(clock.instant().getEpochSecond()));
		oauth.put("oauth_token", credentials.accessToken());
		oauth.put("oauth_version", "1.0");
		oauth.put("oauth_signature", signature(baseString(httpMethod, uri, oauth)));
		List<String> fields = new ArrayList<>();
		oauth.forEach((name, value) -> fields.add(encode(name) + "=\"" + encode(value) + "\""));
		return "OAuth " + String.join(",", fields);
	}

	/**
	 * Whether an {@code Authorization} header is these credentials' signature of a
	 * request, checked as Magento checks it: the consumer key and token are the
	 * integration's, and the signature is the one of the request's method, address and
	 * query under the header's own nonce, timestamp and signature method. What the local
	 * sandbox accepts.
	 */
	public static boolean verifies(Credentials credentials, @Nullable String header, HttpMethod httpMethod, URI uri) {
		if (header == null || !header.regionMatches(true, 0, "OAuth ", 0, 6)) {
			return false;
		}
		Map<String, String> oauth = new LinkedHashMap<>();
		for (String field : header.substring(6).split(",")) {
			String[] nameAndValue = field.strip().split("=", 2);
			if (nameAndValue.length == 2 && nameAndValue[1].length() >= 2 && nameAndValue[1].startsWith("\"")
					&& nameAndValue[1].endsWith("\"")) {
				oauth.put(decode(nameAndValue[0]), decode(nameAndValue[1].substring(1, nameAndValue[1].length() - 1)));
			}
		}
		SignatureMethod method = null;
		for (SignatureMethod candidate : SignatureMethod.values()) {
			if (candidate.oauthName.equals(oauth.get("oauth_signature_method"))) {
				method = candidate;
			}
		}
		String signature = oauth.get("oauth_signature");
		if (method == null || signature == null || !credentials.consumerKey().equals(oauth.get("oauth_consumer_key"))
				|| !credentials.accessToken().equals(oauth.get("oauth_token"))) {
			return false;
		}
		String expected = new OAuthSigner(credentials, method, Clock.systemUTC())
			.signature(baseString(httpMethod, uri, oauth));
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				signature.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The signature base string (RFC 5849, 3.4.1) as Magento works it out to check it:
	 * the method, the address without its query, and the query's and the protocol's
	 * parameters, each name and value percent-encoded, in natural order of the encoded
	 * names ({@code [2]} before {@code [10]}). Magento reads the query as it was encoded
	 * ({@code +} stays a plus), skips a pair without exactly one {@code =}, and keeps the
	 * last value of a repeated name; a signature worked out otherwise would be refused.
	 */
	static String baseString(HttpMethod httpMethod, URI uri, Map<String, String> oauth) {
		Map<String, String> parameters = new TreeMap<>(OAuthSigner::naturalOrder);
		String query = uri.getRawQuery();
		if (query != null && !query.isEmpty()) {
			for (String pair : query.split("&")) {
				String[] nameAndValue = pair.split("=", -1);
				if (nameAndValue.length == 2) {
					parameters.put(encode(decode(nameAndValue[0])), encode(decode(nameAndValue[1])));
				}
			}
		}
		oauth.forEach((name, value) -> {
			if (!name.equals("oauth_signature")) {
				parameters.put(encode(name), encode(value));
			}
		});
		List<String> pairs = new ArrayList<>();
		parameters.forEach((name, value) -> pairs.add(name + "=" + value));
		return httpMethod.name().toUpperCase(Locale.ROOT) + "&" + encode(baseUri(uri)) + "&"
				+ encode(String.join("&", pairs));
	}

	/**
	 * Natural order, as PHP's {@code strnatcmp} that Magento's OAuth library sorts with:
	 * a run of digits compares as the number it is, everything else by character.
	 */
	static int naturalOrder(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			char x = a.charAt(i);
			char y = b.charAt(j);
			if (Character.isDigit(x) && Character.isDigit(y)) {
				int endX = digitsEnd(a, i);
				int endY = digitsEnd(b, j);
				String numberX = a.substring(i, endX).replaceFirst("^0+(?=.)", "");
				String numberY = b.substring(j, endY).replaceFirst("^0+(?=.)", "");
				int byLength = Integer.compare(numberX.length(), numberY.length());
				int compared = byLength != 0 ? byLength : numberX.compareTo(numberY);
				if (compared != 0) {
					return compared;
				}
				i = endX;
				j = endY;
			}
			else {
				if (x != y) {
					return Character.compare(x, y);
				}
				i++;
				j++;
			}
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

	private static int digitsEnd(String text, int from) {
		int end = from;
		while (end < text.length() && Character.isDigit(text.charAt(end))) {
			end++;
		}
		return end;
	}

	private String signature(String baseString) {
		String key = encode(credentials.consumerSecret()) + "&" + encode(credentials.accessTokenSecret());
		try {
			Mac mac = Mac.getInstance(method.javaName);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), method.javaName));
			return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException everyJavaHasThem) {
			throw new IllegalStateException(everyJavaHasThem);
		}
	}

	/** Scheme and host in lower case, the port only when it is not the scheme's own. */
	private static String baseUri(URI uri) {
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		int port = uri.getPort();
		boolean ownPort = port == -1 || (scheme.equals("http") && port == 80)
				|| (scheme.equals("https") && port == 443);
		String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
		return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (ownPort ? "" : ":" + port) + path;
	}

	/** RFC 3986 percent-encoding: everything but letters, digits and {@code -._~}. */
	static String encode(String text) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
			}
		}
		return encoded.toString();
	}

	/** Percent-decoding alone, as Magento's {@code rawurldecode}: a '+' stays a plus. */
	private static String decode(String text) {
		return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	/**
	 * A nonce per request, unguessable, so that a captured request cannot be replayed.
	 */
	private static final class RandomNonces implements Supplier<String> {

		private final SecureRandom random = new SecureRandom();

		@Override
		public String get() {
			byte[] bytes = new byte[16];
			random.nextBytes(bytes);
			return HexFormat.of().formatHex(bytes);
		}

	}

	@Override
	public String toString() {
		return "OAuthSigner[" + credentials + ", " + method.oauthName + "]";
	}

}
