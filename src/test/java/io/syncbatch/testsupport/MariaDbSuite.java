package io.syncbatch.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs the real MariaDB test server.
 * <p>
 * Locally the class is skipped when no server answers, so the embedded-database suite
 * stays usable on any machine; under {@code CI=true} a missing server fails the class
 * instead, so CI can never go green without having exercised MariaDB. The tag lets the
 * summary listener and {@code -Dgroups} find these tests.
 * <p>
 * For the MariaDB-only classes (crash safety, the benchmark's smoke run). The scenario
 * suites run on both databases instead ({@link SyncScenarioSuite}, {@link TestDatabase})
 * and are gated the same way on MariaDB.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag(MariaDbSuite.TAG)
@ExtendWith(MariaDbCondition.class)
public @interface MariaDbSuite {

	String TAG = "mariadb";

}
