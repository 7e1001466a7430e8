package io.syncbatch.definition;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A broken definition stops start-up with its own message instead of a wall of
 * bean-creation errors.
 */
class DefinitionFailureAnalyzer extends AbstractFailureAnalyzer<DefinitionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DefinitionException cause) {
		return new FailureAnalysis(cause.getMessage(), "Fix the definition file named above and start again.", cause);
	}

}
