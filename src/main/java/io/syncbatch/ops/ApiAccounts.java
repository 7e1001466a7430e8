package io.syncbatch.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.record.UntrustedText;

/**
 * The REST API's accounts: the operator and, when it has a password, the viewer. A login
 * is checked in this order:
 * <ol>
 * <li>a login verified a moment ago passes at the cost of an HMAC
 * ({@link VerifiedLogins}), even while its address or name is throttled, so an operator
 * already at work is not locked out by someone guessing at the same name;</li>
 * <li>a throttled address or name is refused, 429, without a password check
 * ({@link LoginThrottle});</li>
 * <li>otherwise the password is checked against <em>every</em> account's hash, whatever
 * the user name, and only the named account's result counts: an unknown name, a known one
 * and a wrong password cost the same checks, so timing does not tell which names exist
 * (Spring's own dummy hash is a bcrypt one, which a {@code {noop}} account would still
 * tell apart).</li>
 * </ol>
 * A failure is logged with the user name shown safely (quoted, shortened, control
 * characters escaped) and the client address, never the password.
 */
final class ApiAccounts implements AuthenticationProvider {

	static final String OPERATOR = "OPERATOR";

	static final String VIEWER = "VIEWER";

	private static final Logger log = LoggerFactory.getLogger(ApiAccounts.class);

	record Account(String username, String encodedPassword, String role) {

		@Override
		public String toString() {
			return "Account[" + username + ", " + role + "]";
		}
	}

	private final List<Account> accounts;

	private final PasswordEncoder encoder;

	private final VerifiedLogins verified;

	private final LoginThrottle throttle;

	ApiAccounts(List<Account> accounts, PasswordEncoder encoder, VerifiedLogins verified, LoginThrottle throttle) {
		this.accounts = List.copyOf(accounts);
		this.encoder = encoder;
		this.verified = verified;
		this.throttle = throttle;
	}

	/** The accounts of the configuration that have a password. */
	static List<Account> configured(SyncbatchProperties.Api api) {
		List<Account> accounts = Stream
			.of(account(api.username(), api.password(), OPERATOR),
					account(api.viewer().username(), api.viewer().password(), VIEWER))
			.flatMap(Optional::stream)
			.toList();
		if (accounts.size() == 2 && accounts.get(0).username().equals(accounts.get(1).username())) {
			throw new IllegalArgumentException(
					"syncbatch.api.viewer.username must differ from syncbatch.api.username (" + api.username() + ")");
		}
		return accounts;
	}

	private static Optional<Account> account(String username, @Nullable String password, String role) {
		if (password == null || password.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(new Account(username, password.startsWith("{") ? password : "{noop}" + password, role));
	}

	boolean hasAccounts() {
		return !accounts.isEmpty();
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName();
		Object credentials = authentication.getCredentials();
		String password = credentials == null ? "" : credentials.toString();
		String address = authentication.getDetails() instanceof WebAuthenticationDetails details
				&& details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
		Account account = named(username);
		if (account != null && verified.remembers(username, password)) {
			return authenticated(account);
		}
		Optional<Duration> refused = throttle.refusedFor(address, username);
		if (refused.isPresent()) {
			throw new LoginThrottledException(refused.get());
		}
		boolean matches = false;
		for (Account each : accounts) {
			boolean match = encoder.matches(password, each.encodedPassword());
			matches |= match && each == account;
		}
		if (account == null || !matches) {
			int failures = throttle.failed(address, username);
			log.warn("API login refused for user {} from {} ({} of {} failures allowed within {})",
					UntrustedText.quoted(username), UntrustedText.quoted(address), failures, throttle.maxFailures(),
					throttle.window());
			throw new BadCredentialsException("bad credentials");
		}
		throttle.succeeded(address, username);
		verified.remember(username, password);
		return authenticated(account);
	}

	private @Nullable Account named(String username) {
		byte[] wanted = username.getBytes(StandardCharsets.UTF_8);
		Account found = null;
		for (Account account : accounts) {
			if (MessageDigest.isEqual(wanted, account.username().getBytes(StandardCharsets.UTF_8))) {
				found = account;
			}
		}
		return found;
	}

	private static Authentication authenticated(Account account) {
		return UsernamePasswordAuthenticationToken.authenticated(account.username(), null,
				List.of(new SimpleGrantedAuthority("ROLE_" + account.role())));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
