package io.syncbatch.rules;

/**
 * The record refers to a record the store can only have made itself (an order of another
 * store, whose shipment is for that store alone), so it is not for this store: it is
 * FILTERED, not HELD waiting for something that will never come.
 */
public class RecordNotInStoreException extends RecordRejectedException {

	public RecordNotInStoreException(String field, String reason) {
		super(field, reason);
	}

	private RecordNotInStoreException(String field, String reason, String message) {
		super(field, reason, message);
	}

	@Override
	RecordNotInStoreException inside(String listField, int index) {
		String nested = listField + "[" + index + "]." + field();
		return new RecordNotInStoreException(nested, reasonOf(this), nested + ": " + reasonOf(this));
	}

}
