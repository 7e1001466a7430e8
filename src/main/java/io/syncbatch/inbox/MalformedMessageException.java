package io.syncbatch.inbox;

/** A message without what its sender's documentation says it carries: answered 400. */
public class MalformedMessageException extends RuntimeException {

	public MalformedMessageException(String message) {
		super(message);
	}

}
