package io.syncbatch.connector;

/**
 * The store accepted a request and answered JSON, but not in the shape its contract
 * promises (a document without an id, a date that is not a date). Unlike an answer that
 * is not JSON at all ({@link TransientStoreException}), asking again returns the same
 * document, so retrying cannot help: the message names the store, the request and the
 * field for whoever has to look.
 */
public class MalformedAnswerException extends RuntimeException {

	public MalformedAnswerException(String message) {
		super(message);
	}

}
