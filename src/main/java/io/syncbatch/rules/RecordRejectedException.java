package io.syncbatch.rules;

import java.util.Objects;

/**
 * A mapping rule refused the record; the message names the target field and why, e.g.
 * "email: is required".
 */
public class RecordRejectedException extends Exception {

	private final String field;

	public RecordRejectedException(String field, String reason) {
		this(field, reason, field + ": " + reason);
	}

	RecordRejectedException(String field, String reason, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}

	/**
	 * The same refusal for a field inside a list, e.g. {@code products[2].product_id}.
	 */
	RecordRejectedException inside(String listField, int index) {
		String nested = listField + "[" + index + "]." + field;
		return new RecordRejectedException(nested, reasonOf(this), nested + ": " + reasonOf(this));
	}

	static String reasonOf(RecordRejectedException e) {
		return Objects.requireNonNull(e.getMessage()).substring(e.field().length() + 2);
	}

}
