package io.syncbatch.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Marks a scenario suite: one class that runs on whichever {@link TestDatabase} the JVM
 * was started for, with that database's profile, its schema cleaned first where the
 * database is shared, and MariaDB's gating (skipped when no server answers, mandatory
 * under {@code CI=true}). The tag lets Surefire's {@code scenarios-on-mariadb} execution
 * select the suites, and the summary listener count them.
 * <p>
 * The suite's class still chooses the databases' and the store's properties, e.g. with a
 * {@code @DynamicPropertySource} calling {@link TestDatabase#registerDatabases} and
 * {@link StoreFixture#pointStoreAt}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(SyncScenarioSuite.TAG)
@ExtendWith(TestDatabaseCondition.class)
@ActiveProfiles(resolver = TestDatabase.ActiveProfile.class)
@Import(CleanSchemaOnStart.class)
public @interface SyncScenarioSuite {

	String TAG = "scenario";

}
