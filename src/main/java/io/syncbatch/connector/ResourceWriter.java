package io.syncbatch.connector;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The requests one store resource offers, as its published contract describes them. The
 * engine's write algorithm ({@link StoreUpsert}) decides what to create, update, look up
 * and isolate, and sends batches concurrently; a writer only makes single requests of the
 * shapes its platform has.
 */
public interface ResourceWriter {

	/** How the resource is written. */
	WritePlan plan();

	/**
	 * What the platform's published contract forbids in the requests this record would
	 * make (a value longer than its field allows, a number out of bounds, a required
	 * field missing), naming the field and the limit; null when nothing. A forbidden
	 * record is never sent: the store would refuse it every time.
	 */
	default @Nullable String forbidden(OutgoingRecord record) {
		return null;
	}

	/**
	 * Creates the records in one request.
	 * @throws StoreRejectedException when the store refuses the request for what it
	 * contains (the whole batch)
	 * @throws TransientStoreException when the store could not answer now
	 */
	List<WriteResult> create(List<OutgoingRecord> batch);

	/**
	 * Updates the records (each with its store id, or, in place, onto the record it
	 * belongs to) in one request.
	 */
	List<WriteResult> update(List<OutgoingRecord> batch);

	/**
	 * Finds records the store already has, by the fields the store keeps unique (an
	 * email, a sku): a record created before a crash whose id was never saved is found
	 * again instead of created twice.
	 * @return key → store id of the records found; records not found are absent
	 */
	Map<String, String> lookup(List<OutgoingRecord> records);

	/**
	 * The fields of a record its {@link #lookup} uses, which a create remembers before it
	 * is sent; all of them unless the platform says fewer.
	 */
	default Map<String, @Nullable Object> lookupFields(OutgoingRecord record) {
		return record.payload();
	}

	/** Whether {@link #delete} can delete records of this resource. */
	default boolean deletes() {
		return false;
	}

	/**
	 * Deletes these store records in one request; ids the store no longer has are no
	 * error.
	 * @throws UnsupportedOperationException when the resource cannot be deleted
	 * ({@link #deletes()} is false)
	 */
	default void delete(List<String> externalIds) {
		throw new UnsupportedOperationException("this resource cannot be deleted");
	}

	/** How a record is found again, for messages: {@code email info@fruitico.example}. */
	String naturalKey(OutgoingRecord record);

}
