package io.syncbatch.history;

/** A launch refused because the same store/entity is already being synced. */
public class RunRefusedException extends RuntimeException {

	public RunRefusedException(String message) {
		super(message);
	}

}
