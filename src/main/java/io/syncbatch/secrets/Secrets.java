package io.syncbatch.secrets;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * The secret values of this configuration, read once at start-up, and the one place that
 * takes them out of a text. A property is secret when the last word of its name is
 * password, secret, token, key or credential(s)
 * ({@code syncbatch.stores.main.access-token}, {@code spring.datasource.password},
 * {@code BIGCOMMERCE_ACCESS_TOKEN}); passwords written into a URL
 * ({@code user:pass@host}, {@code password=…}) are secrets too. Each is replaced by
 * {@value #MASK} in the forms a message may carry it: as configured, URL-encoded,
 * JSON-escaped, and the API operator's HTTP Basic credentials in base64.
 * <p>
 * Values shorter than {@value #SHORTEST} characters are not redacted: masking every
 * {@code sa} or {@code 123} in a log would destroy the log and protect nothing.
 */
@Component
public class Secrets {

	public static final String MASK = "****";

	static final int SHORTEST = 4;

	private static final Set<String> SECRET_WORDS = Set.of("password", "passwd", "secret", "token", "key", "credential",
			"credentials");

	private static final Pattern URL_USER_INFO = Pattern.compile("//[^/:@\\s]*:([^@/\\s]+)@");

	private static final Pattern URL_PASSWORD = Pattern.compile("(?i)[?&;]password=([^&;\\s]+)");

	private final @Nullable Pattern anyForm;

	public Secrets(Environment environment) {
		this.anyForm = anyForm(values(environment));
	}

	private static @Nullable Pattern anyForm(Set<String> values) {
		Set<String> forms = new LinkedHashSet<>();
		for (String value : values) {
			if (value.length() >= SHORTEST) {
				forms.add(value);
				forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
				forms.add(value.replace("\\", "\\\\").replace("\"", "\\\""));
			}
		}
		// Longest first, so that a secret containing another is masked whole.
		List<String> ordered = forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
		return ordered.isEmpty() ? null
				: Pattern.compile(ordered.stream().map(Pattern::quote).collect(Collectors.joining("|")));
	}

	/** The text with every secret masked; null stays null. */
	public @Nullable String redact(@Nullable String text) {
		if (text == null || anyForm == null) {
			return text;
		}
		return anyForm.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
	}

	/** As {@link #redact}, for a text known to be there. */
	public String redacted(String text) {
		return anyForm == null ? text : anyForm.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
	}

	private static Set<String> values(Environment environment) {
		Set<String> values = new LinkedHashSet<>();
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return values;
		}
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
				continue;
			}
			for (String name : enumerable.getPropertyNames()) {
				String value = resolved(environment, name);
				if (value == null || value.isBlank()) {
					continue;
				}
				if (secretName(name)) {
					values.add(value);
					values.add(withoutEncoderPrefix(value));
				}
				values.addAll(passwordsInUrl(value));
			}
		}
		String user = resolved(environment, "syncbatch.api.username");
		String password = resolved(environment, "syncbatch.api.password");
		if (user != null && password != null && !password.isBlank()) {
			values.add(Base64.getEncoder()
				.encodeToString((user + ":" + withoutEncoderPrefix(password)).getBytes(StandardCharsets.UTF_8)));
		}
		values.removeIf(value -> value.isBlank() || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"));
		return values;
	}

	/**
	 * Whether the last word of the name's last part says secret: {@code access-token},
	 * {@code apiKey}, {@code SYNC_PASSWORD}; not {@code key-store} or {@code monkey}.
	 */
	static boolean secretName(String name) {
		String last = name.substring(name.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
		String[] words = last.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT).split("[-_]");
		return words.length > 0 && SECRET_WORDS.contains(words[words.length - 1]);
	}

	/** {@code {noop}change-me} is the password {@code change-me}. */
	private static String withoutEncoderPrefix(String value) {
		return value.startsWith("{noop}") ? value.substring("{noop}".length()) : value;
	}

	static Set<String> passwordsInUrl(String value) {
		Set<String> passwords = new LinkedHashSet<>();
		for (Pattern pattern : List.of(URL_USER_INFO, URL_PASSWORD)) {
			Matcher matcher = pattern.matcher(value);
			while (matcher.find()) {
				passwords.add(matcher.group(1));
			}
		}
		return passwords;
	}

	private static @Nullable String resolved(Environment environment, String name) {
		try {
			return environment.getProperty(name);
		}
		catch (RuntimeException unresolvable) {
			// A placeholder without a value (an unset ${BIGCOMMERCE_ACCESS_TOKEN}) holds
			// no secret; the setting's own check names it.
			return null;
		}
	}

}
