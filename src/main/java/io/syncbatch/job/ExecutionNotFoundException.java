package io.syncbatch.job;

/**
 * An execution id the job repository does not know: the CLI exits 2, the API says 404.
 */
public class ExecutionNotFoundException extends RuntimeException {

	ExecutionNotFoundException(long executionId) {
		super("execution " + executionId + " does not exist");
	}

}
