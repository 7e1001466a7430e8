package io.syncbatch.definition;

/** A definition that cannot be used; the message names the file and the field. */
public class DefinitionException extends RuntimeException {

	public DefinitionException(String message) {
		super(message);
	}

	public DefinitionException(String message, Throwable cause) {
		super(message, cause);
	}

}
