package io.syncbatch.job;

/** The sync database could not be reached for longer than a run's end can wait. */
public class SyncDatabaseUnreachableException extends RuntimeException {

	SyncDatabaseUnreachableException(String message, Throwable cause) {
		super(message, cause);
	}

}
