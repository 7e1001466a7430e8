package io.syncbatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.platform.engine.TestTag;

// Needs no database: the policy is a pure function, and the probe is exercised against
// local sockets.
class MariaDbConditionTest {

	private static final String URL = "jdbc:mysql://127.0.0.1:3306/test?user=root&password=&connectTimeout=3000";

	@Test
	void reachableServerEnablesTheSuiteWithOrWithoutCi() {
		assertThat(MariaDbCondition.decide(true, null, false, URL).isDisabled()).isFalse();
		assertThat(MariaDbCondition.decide(true, null, true, URL).isDisabled()).isFalse();
	}

	@Test
	void unreachableServerUnderCiFailsLoudly() {
		assertThatIllegalStateException()
			.isThrownBy(() -> MariaDbCondition.decide(false, "Connection refused", true, URL))
			.withMessage("MariaDB suite is mandatory under CI=true but no server answers at " + URL
					+ ": Connection refused");
	}

	@Test
	void unreachableServerWithoutCiSkipsTheSuiteAndSaysWhy() {
		ConditionEvaluationResult result = MariaDbCondition.decide(false, "Connection refused", false, URL);

		assertThat(result.isDisabled()).isTrue();
		assertThat(result.getReason()).hasValue("MariaDB suite SKIPPED: no server at " + URL
				+ " (Connection refused); set CI=true to make it mandatory");
	}

	@Test
	void onlyCiEqualToTrueMakesTheSuiteMandatory() {
		assertThat(MariaDbCondition.isCi("true")).isTrue();
		assertThat(MariaDbCondition.isCi("TRUE")).isTrue();
		assertThat(MariaDbCondition.isCi(null)).isFalse();
		assertThat(MariaDbCondition.isCi("")).isFalse();
		assertThat(MariaDbCondition.isCi("false")).isFalse();
		assertThat(MariaDbCondition.isCi("1")).isFalse();
	}

	@Test
	void messagesNeverShowAPassword() {
		assertThat(MariaDbCondition.redact("jdbc:mysql://db:3306/test?user=ci&password=s3cret&sslMode=DISABLED"))
			.isEqualTo("jdbc:mysql://db:3306/test?user=ci&password=****&sslMode=DISABLED");
		assertThat(MariaDbCondition.redact("jdbc:mysql://ci:s3cret@db:3306/test"))
			.isEqualTo("jdbc:mysql://ci:****@db:3306/test");
		// The default's empty password is left visible: "password=" tells the reader
		// exactly what was tried.
		assertThat(MariaDbCondition.redact(URL)).isEqualTo(URL);
	}

	@Test
	void addressIsHostAndPort() {
		assertThat(MariaDbCondition.address(URL)).isEqualTo("127.0.0.1:3306");
		assertThat(MariaDbCondition.address("jdbc:mysql://ci:s3cret@db.example:3307/test"))
			.isEqualTo("db.example:3307");
	}

	@Test
	void closedPortIsReportedUnreachableWithTheCause() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}

		MariaDbCondition.Probe probe = MariaDbCondition.Probe.attempt(
				"jdbc:mysql://127.0.0.1:" + port + "/test?user=root&password=&connectTimeout=3000",
				MariaDbCondition.PROBE_TIMEOUT);

		assertThat(probe.reachable()).isFalse();
		assertThat(probe.cause()).contains("Connection refused");
	}

	@Test
	void silentServerIsGivenUpOnAtTheTimeout() throws IOException {
		// Accepts the TCP connection but never sends the MySQL greeting, like a wedged
		// server.
		try (ServerSocket silent = new ServerSocket(0)) {
			long start = System.nanoTime();

			MariaDbCondition.Probe probe = MariaDbCondition.Probe.attempt(
					"jdbc:mysql://127.0.0.1:" + silent.getLocalPort() + "/test?user=root&password=",
					Duration.ofMillis(500));

			assertThat(probe.reachable()).isFalse();
			assertThat(probe.cause()).isEqualTo("no answer within 500 ms");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void summaryLineSaysWhetherTheSuiteRan() {
		assertThat(MariaDbSuiteSummaryListener.summary(12, 0, 0, "127.0.0.1:3306"))
			.hasValue("MariaDB suite: RAN (12 tests)");
		assertThat(MariaDbSuiteSummaryListener.summary(0, 12, 0, "127.0.0.1:3306"))
			.hasValue("MariaDB suite: SKIPPED — no MariaDB at 127.0.0.1:3306; the embedded-database suite ran");
		assertThat(MariaDbSuiteSummaryListener.summary(0, 0, 1, "127.0.0.1:3306"))
			.hasValue("MariaDB suite: FAILED before any test ran (see the error above)");
		assertThat(MariaDbSuiteSummaryListener.summary(0, 0, 0, "127.0.0.1:3306")).isEmpty();
	}

	@Test
	void theSummaryCountsScenarioSuitesOnlyWhenTheyRunOnMariaDb() {
		TestTag mariaDb = TestTag.create(MariaDbSuite.TAG);
		TestTag scenario = TestTag.create(SyncScenarioSuite.TAG);

		assertThat(MariaDbSuiteSummaryListener.onMariaDb(Set.of(mariaDb), TestDatabase.EMBEDDED)).isTrue();
		assertThat(MariaDbSuiteSummaryListener.onMariaDb(Set.of(scenario), TestDatabase.MARIADB)).isTrue();
		assertThat(MariaDbSuiteSummaryListener.onMariaDb(Set.of(scenario), TestDatabase.EMBEDDED)).isFalse();
		assertThat(MariaDbSuiteSummaryListener.onMariaDb(Set.of(), TestDatabase.MARIADB)).isFalse();
	}

	@Test
	void theDatabaseIsEmbeddedUnlessMariaDbIsNamedAndATypoFails() {
		assertThat(TestDatabase.of(null)).isEqualTo(TestDatabase.EMBEDDED);
		assertThat(TestDatabase.of(" ")).isEqualTo(TestDatabase.EMBEDDED);
		assertThat(TestDatabase.of("embedded")).isEqualTo(TestDatabase.EMBEDDED);
		assertThat(TestDatabase.of("MariaDB")).isEqualTo(TestDatabase.MARIADB);
		assertThatIllegalArgumentException().isThrownBy(() -> TestDatabase.of("mysql"))
			.withMessage("syncbatch.test.database=mysql names no test database; use embedded or mariadb");
	}

}
