package io.syncbatch.testsupport;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A scenario suite always runs on the embedded databases; on MariaDB it runs as
 * {@link MariaDbSuite} classes do: skipped with a message when no server answers, failed
 * under {@code CI=true}.
 */
public final class TestDatabaseCondition implements ExecutionCondition {

	private final MariaDbCondition mariaDb = new MariaDbCondition();

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (TestDatabase.current() == TestDatabase.MARIADB) {
			return this.mariaDb.evaluateExecutionCondition(context);
		}
		return ConditionEvaluationResult.enabled("the embedded databases are always there");
	}

}
