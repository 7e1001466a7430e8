package io.syncbatch.testsupport;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints one line at the end of a test run saying whether the MariaDB suite really ran:
 * the {@link MariaDbSuite} classes, and the {@link SyncScenarioSuite} classes in a JVM
 * started with {@code syncbatch.test.database=mariadb}. A locally skipped suite is easy
 * to miss among hundreds of green tests, and "all green" would then overstate what was
 * tested.
 * <p>
 * Registered through {@code META-INF/services}, so Surefire and IDEs pick it up without
 * configuration.
 */
public final class MariaDbSuiteSummaryListener implements TestExecutionListener {

	private static final TestTag MARIADB = TestTag.create(MariaDbSuite.TAG);

	private static final TestTag SCENARIO = TestTag.create(SyncScenarioSuite.TAG);

	/**
	 * Read once: the database is chosen for the whole JVM, i.e. for one Surefire
	 * execution.
	 */
	private final TestDatabase database = TestDatabase.current();

	private volatile TestPlan plan;

	private final AtomicInteger ran = new AtomicInteger();

	private final AtomicInteger skipped = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		// One launcher may execute several plans (e.g. IDE re-runs); each gets its own
		// summary.
		plan = testPlan;
		ran.set(0);
		skipped.set(0);
		failed.set(0);
	}

	@Override
	public void executionStarted(TestIdentifier identifier) {
		if (identifier.isTest() && tagged(identifier)) {
			ran.incrementAndGet();
		}
	}

	@Override
	public void executionSkipped(TestIdentifier identifier, String reason) {
		// Tests disabled for other reasons (JUnit's Disabled annotation) say nothing
		// about whether MariaDB was there.
		if (!tagged(identifier) || reason == null || !reason.startsWith(MariaDbCondition.SKIPPED_PREFIX)) {
			return;
		}
		// A disabled class is reported once, as a container; its tests never get their
		// own events.
		int tests = identifier.isTest() ? 1
				: (int) plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest).count();
		skipped.addAndGet(tests);
	}

	@Override
	public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
		if (tagged(identifier) && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
			failed.incrementAndGet();
		}
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		summary(ran.get(), skipped.get(), failed.get(), MariaDbCondition.address()).ifPresent(System.out::println);
	}

	/**
	 * Empty when the run selected no MariaDB tests at all, e.g. a single unit test
	 * started from an IDE.
	 */
	static Optional<String> summary(int ran, int skipped, int failed, String address) {
		if (ran > 0) {
			return Optional.of("MariaDB suite: RAN (" + ran + " tests)");
		}
		if (failed > 0) {
			return Optional.of("MariaDB suite: FAILED before any test ran (see the error above)");
		}
		if (skipped > 0) {
			return Optional
				.of("MariaDB suite: SKIPPED — no MariaDB at " + address + "; the embedded-database suite ran");
		}
		return Optional.empty();
	}

	private boolean tagged(TestIdentifier identifier) {
		return onMariaDb(identifier.getTags(), database);
	}

	/**
	 * MariaDB-only classes, and the scenario suites when this JVM runs them on MariaDB.
	 */
	static boolean onMariaDb(Set<TestTag> tags, TestDatabase database) {
		return tags.contains(MARIADB) || (database == TestDatabase.MARIADB && tags.contains(SCENARIO));
	}

}
