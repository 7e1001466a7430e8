package io.syncbatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.testsupport.BigCommerceStoreFixture;
import io.syncbatch.testsupport.ContractValidatedStore;
import io.syncbatch.testsupport.ErpDatabase;
import io.syncbatch.testsupport.SyncState;
import io.syncbatch.testsupport.TestDatabase;

/**
 * Logins to the REST API over real HTTP: unknown and known user names cost the same
 * password checks, a verified login is not checked again, failed logins are throttled per
 * client address and per user name and logged without the password, and the viewer reads
 * but changes nothing. Each test sends from loopback addresses of its own, so the
 * throttle's counts of one test never reach another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SpringBatchTest
@ActiveProfiles("embedded")
@ExtendWith(OutputCaptureExtension.class)
class ApiSecurityTest {

	private static final String PASSWORD = "s3cret-" + UUID.randomUUID();

	private static final String VIEWER_PASSWORD = "look-" + UUID.randomUUID();

	private static final AtomicInteger ADDRESSES = new AtomicInteger(10);

	@RegisterExtension
	static final ContractValidatedStore STORE = ContractValidatedStore.start();

	@DynamicPropertySource
	static void configuration(DynamicPropertyRegistry registry) {
		TestDatabase.EMBEDDED.registerDatabases(registry);
		new BigCommerceStoreFixture(STORE).pointStoreAt("sandbox", registry);
		registry.add("syncbatch.api.username", () -> "ops");
		registry.add("syncbatch.api.password", () -> PASSWORD);
		registry.add("syncbatch.api.viewer.username", () -> "support");
		// Two kinds of hash on purpose: every login must cost the same checks whatever
		// the name.
		registry.add("syncbatch.api.viewer.password",
				() -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode(VIEWER_PASSWORD));
		registry.add("syncbatch.api.login-throttle.max-failures", () -> "3");
		registry.add("syncbatch.api.login-throttle.window", () -> "PT1M");
	}

	/**
	 * Every password check the application makes, by the kind of hash checked against.
	 */
	static final class CountingPasswordEncoder implements PasswordEncoder {

		private final PasswordEncoder delegate;

		private final List<String> checked = new ArrayList<>();

		CountingPasswordEncoder(PasswordEncoder delegate) {
			this.delegate = delegate;
		}

		@Override
		public String encode(CharSequence rawPassword) {
			return delegate.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			synchronized (checked) {
				checked.add(encodedPassword.startsWith("{")
						? encodedPassword.substring(0, encodedPassword.indexOf('}') + 1) : "(plain)");
			}
			return delegate.matches(rawPassword, encodedPassword);
		}

		List<String> checkedSince(int from) {
			synchronized (checked) {
				return List.copyOf(checked.subList(from, checked.size()));
			}
		}

		int count() {
			synchronized (checked) {
				return checked.size();
			}
		}

	}

	@TestConfiguration
	static class CountPasswordChecks {

		@Bean
		static BeanPostProcessor countingPasswordEncoder() {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return bean instanceof PasswordEncoder encoder && !(bean instanceof CountingPasswordEncoder)
							? new CountingPasswordEncoder(encoder) : bean;
				}

			};
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	Environment environment;

	@Autowired
	DataSource syncDataSource;

	@Autowired
	JobRepositoryTestUtils jobRepositoryTestUtils;

	private SyncState state;

	@BeforeEach
	void givenTheDemoCompany() {
		new ErpDatabase(environment).reset();
		state = new SyncState(syncDataSource, jobRepositoryTestUtils);
		state.clear();
	}

	@Test
	void anUnknownUserNameCostsTheSamePasswordChecksAsAKnownOne() throws Exception {
		LoopbackClient client = client();
		CountingPasswordEncoder checks = (CountingPasswordEncoder) passwordEncoder;

		int before = checks.count();
		LoopbackClient.Response known = client.send("GET", "/api/jobs", null, null, "ops", "wrong");
		List<String> forKnown = checks.checkedSince(before);
		before = checks.count();
		LoopbackClient.Response unknown = client.send("GET", "/api/jobs", null, null, "nobody", "wrong");
		List<String> forUnknown = checks.checkedSince(before);

		assertThat(known.status()).isEqualTo(401);
		assertThat(unknown.status()).isEqualTo(401);
		assertThat(unknown.body()).isEqualTo(known.body());
		assertThat(forKnown).as("a known name with a wrong password is checked").isNotEmpty();
		assertThat(forUnknown).as("an unknown name costs the same checks, against the same kinds of hash")
			.isEqualTo(forKnown);
	}

	@Test
	void aVerifiedLoginIsNotCheckedAgainOnTheNextRequests() throws Exception {
		LoopbackClient client = client();
		CountingPasswordEncoder checks = (CountingPasswordEncoder) passwordEncoder;

		int before = checks.count();
		assertThat(client.send("GET", "/api/jobs", null, null, "ops", "wrong").status()).isEqualTo(401);
		assertThat(checks.count()).as("a refused login is checked against the hashes").isGreaterThan(before);

		before = checks.count();
		assertThat(client.send("GET", "/api/jobs", null, null, "ops", PASSWORD).status()).isEqualTo(200);
		int afterFirst = checks.count();
		for (int i = 0; i < 3; i++) {
			assertThat(client.send("GET", "/api/jobs", null, null, "ops", PASSWORD).status()).isEqualTo(200);
		}
		assertThat(checks.count()).as("the requests after a verified login run no password check")
			.isEqualTo(afterFirst);
		assertThat(client.send("GET", "/api/jobs", null, null, "ops", PASSWORD + "x").status())
			.as("a remembered login does not let another password in")
			.isEqualTo(401);
		assertThat(checks.count()).isGreaterThan(afterFirst);
	}

	@Test
	void failedLoginsAreThrottledPerClientAddressAndPerUserName() throws Exception {
		LoopbackClient guesser = client();
		String name = "guesser-" + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			assertThat(guesser.send("GET", "/api/jobs", null, null, name + i, "guess" + i).status()).isEqualTo(401);
		}
		CountingPasswordEncoder checks = (CountingPasswordEncoder) passwordEncoder;
		int before = checks.count();
		LoopbackClient.Response throttled = guesser.send("GET", "/api/jobs", null, null, "other-" + name, "guess");
		assertThat(throttled.status()).as("the fourth failure from one address within the window").isEqualTo(429);
		assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(throttled.body()).contains("too many failed logins");
		assertThat(checks.count()).as("a throttled login costs no password check").isEqualTo(before);
		assertThat(client().send("GET", "/api/jobs", null, null, "other-" + name, "guess").status())
			.as("another address is not throttled by this one's failures")
			.isEqualTo(401);

		String target = "target-" + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			assertThat(client().send("GET", "/api/jobs", null, null, target, "guess" + i).status()).isEqualTo(401);
		}
		assertThat(client().send("GET", "/api/jobs", null, null, target, "guess").status())
			.as("a user name guessed at from many addresses")
			.isEqualTo(429);
	}

	@Test
	void aFailedLoginIsLoggedWithTheUserNameAndAddressButNeverThePassword(CapturedOutput output) throws Exception {
		String password = "never-logged-" + UUID.randomUUID();
		String user = "intruder-" + UUID.randomUUID().toString().substring(0, 8);
		LoopbackClient client = client();

		assertThat(client.send("GET", "/api/jobs", null, null, user + "\nINFO forged line", password).status())
			.isEqualTo(401);

		assertThat(output.getAll()).contains("API login refused for user '" + user + "\\u000AINFO forged line'")
			.contains("from '" + client.from() + "'")
			.doesNotContain(password)
			.doesNotContain("\nINFO forged line");
	}

	@Test
	void theViewerReadsEverythingButChangesNothing() throws Exception {
		LoopbackClient viewer = client();
		for (String path : List.of("/api/jobs", "/api/executions", "/api/executions?job=customer-export",
				"/api/history/customer", "/api/entities/customer/records?customerClasses=COMMERCEBB")) {
			assertThat(viewer.send("GET", path, null, null, "support", VIEWER_PASSWORD).status()).as(path)
				.isEqualTo(200);
		}
		List<String[]> changes = List.of(new String[] { "/api/jobs/customer-export/executions", "{}" },
				new String[] { "/api/executions/1/restart", null }, new String[] { "/api/executions/1/stop", null },
				new String[] { "/api/executions/1/recover", null },
				new String[] { "/api/history/customer/retry", "{\"allFailed\":true}" },
				new String[] { "/api/history/customer/abort", "{\"erpIds\":[\"BERRYBAR\"]}" },
				new String[] { "/api/entities/customer/process", "{\"erpIds\":[\"FRUITICO\"]}" },
				new String[] { "/api/entities/customer/process-all", "{\"customerClasses\":\"COMMERCEBB\"}" });
		for (String[] change : changes) {
			LoopbackClient.Response refused = viewer.send("POST", change[0], "application/json", change[1], "support",
					VIEWER_PASSWORD);
			assertThat(refused.status()).as(change[0]).isEqualTo(403);
			assertThat(refused.body()).contains("the viewer may only read");
		}
		assertThat(state.jobExecutionCount()).as("the viewer launched nothing").isZero();
		assertThat(viewer.send("POST", "/api/executions/1/stop", "application/json", null, "ops", PASSWORD).status())
			.as("the operator may (there is no execution 1 to stop)")
			.isNotIn(401, 403);
	}

	/** A client address no other test sends from. */
	private LoopbackClient client() {
		return new LoopbackClient(port, "127.0.0." + ADDRESSES.incrementAndGet());
	}

}
