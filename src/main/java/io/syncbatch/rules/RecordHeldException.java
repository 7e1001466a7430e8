package io.syncbatch.rules;

/**
 * The record refers to another entity's record that the store does not have yet (a sales
 * order's customer), so it waits as HELD instead of failing: sending it now would be
 * refused or point at the wrong thing.
 */
public class RecordHeldException extends RecordRejectedException {

	public RecordHeldException(String field, String reason) {
		super(field, reason);
	}

	private RecordHeldException(String field, String reason, String message) {
		super(field, reason, message);
	}

	@Override
	RecordHeldException inside(String listField, int index) {
		String nested = listField + "[" + index + "]." + field();
		return new RecordHeldException(nested, reasonOf(this), nested + ": " + reasonOf(this));
	}

}
