package io.syncbatch.testsupport;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * Enables {@link MariaDbSuite} classes only when the MariaDB test server answers, except
 * under {@code CI=true} where an unreachable server is a failure: a CI run that silently
 * skipped the real-database tests would prove nothing about MariaDB.
 */
public final class MariaDbCondition implements ExecutionCondition {

	public static final String URL_ENV = "SYNCBATCH_TEST_MARIADB_URL";

	public static final String DEFAULT_URL = "jdbc:mysql://127.0.0.1:3306/test?user=root&password=&connectTimeout=3000";

	/**
	 * Start of the reason given when the suite is skipped, which the summary listener
	 * recognises.
	 */
	public static final String SKIPPED_PREFIX = "MariaDB suite SKIPPED";

	// connectTimeout in the URL does not bound a server that accepts but never completes
	// the handshake, nor a URL supplied without it, so the whole attempt is bounded here
	// as well.
	static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

	private static final Namespace NAMESPACE = Namespace.create(MariaDbCondition.class);

	private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)(password=)[^&;]+");

	private static final Pattern USERINFO_PASSWORD = Pattern.compile("(//[^/:@]*:)[^/@]+@");

	private static final Pattern HOST_PORT = Pattern.compile("//(?:[^/@]*@)?([^/?;]+)");

	/**
	 * The JDBC URL of the test server, credentials included (the mysql driver reads
	 * user/password from it).
	 */
	public static String jdbcUrl() {
		String url = System.getenv(URL_ENV);
		return url == null || url.isBlank() ? DEFAULT_URL : url.trim();
	}

	/** {@link #jdbcUrl()} with any password masked, for messages and logs. */
	public static String displayUrl() {
		return redact(jdbcUrl());
	}

	/** Host and port of the test server, e.g. {@code 127.0.0.1:3306}. */
	public static String address() {
		return address(jdbcUrl());
	}

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		// The root store lives as long as the engine run, so every suite class shares one
		// probe instead of each paying up to PROBE_TIMEOUT against a server that is not
		// there.
		Probe probe = context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Probe.class, key -> Probe.attempt(jdbcUrl(), PROBE_TIMEOUT), Probe.class);
		return decide(probe.reachable(), probe.cause(), isCi(System.getenv("CI")), displayUrl());
	}

	/**
	 * The policy, kept free of I/O and environment so it can be unit-tested.
	 * @throws IllegalStateException when the server is unreachable under CI; JUnit
	 * reports the class as failed
	 */
	static ConditionEvaluationResult decide(boolean reachable, String cause, boolean ci, String displayUrl) {
		if (reachable) {
			return ConditionEvaluationResult.enabled("MariaDB test server answers at " + displayUrl);
		}
		if (ci) {
			throw new IllegalStateException(
					"MariaDB suite is mandatory under CI=true but no server answers at " + displayUrl + ": " + cause);
		}
		return ConditionEvaluationResult.disabled(
				SKIPPED_PREFIX + ": no server at " + displayUrl + " (" + cause + "); set CI=true to make it mandatory");
	}

	public static boolean isCi(String ciVariable) {
		return "true".equalsIgnoreCase(ciVariable == null ? null : ciVariable.trim());
	}

	static String redact(String url) {
		String masked = QUERY_PASSWORD.matcher(url).replaceAll("$1****");
		return USERINFO_PASSWORD.matcher(masked).replaceAll("$1****@");
	}

	static String address(String url) {
		Matcher matcher = HOST_PORT.matcher(url);
		return matcher.find() ? matcher.group(1) : redact(url);
	}

	record Probe(boolean reachable, String cause) {

		static Probe attempt(String url, Duration timeout) {
			// Daemon thread: a connection attempt stuck past the timeout must not keep
			// the test JVM alive.
			ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
				Thread thread = new Thread(task, "mariadb-probe");
				thread.setDaemon(true);
				return thread;
			});
			try {
				Future<Boolean> valid = executor.submit(() -> {
					try (Connection connection = DriverManager.getConnection(url)) {
						return connection.isValid((int) Math.max(1, timeout.toSeconds()));
					}
				});
				return valid.get(timeout.toMillis(), MILLISECONDS) ? new Probe(true, null)
						: new Probe(false, "connection opened but failed validation");
			}
			catch (TimeoutException ex) {
				return new Probe(false, "no answer within " + timeout.toMillis() + " ms");
			}
			catch (ExecutionException ex) {
				return new Probe(false, redact(describe(ex.getCause())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new Probe(false, "interrupted while connecting");
			}
			finally {
				executor.shutdownNow();
			}
		}

		// Driver messages are multi-line and the useful part ("Connection refused") is
		// usually the root cause.
		private static String describe(Throwable failure) {
			Throwable root = failure;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			return root == failure ? firstLine(failure) : firstLine(failure) + " <- " + firstLine(root);
		}

		private static String firstLine(Throwable failure) {
			String message = failure.getMessage();
			if (message == null || message.isBlank()) {
				return failure.getClass().getSimpleName();
			}
			return message.strip().lines().findFirst().orElse(message);
		}

	}

}
