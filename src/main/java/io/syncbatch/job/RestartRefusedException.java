package io.syncbatch.job;

/**
 * A restart that would do nothing or harm: the execution's run already completed. The CLI
 * exits 3, the API says 409.
 */
public class RestartRefusedException extends RuntimeException {

	RestartRefusedException(String message) {
		super(message);
	}

}
