package io.syncbatch.connector;

/**
 * How a resource is written.
 *
 * @param createBatch records one create request takes
 * @param updateBatch records one update request takes
 */
public record WritePlan(Creation creation, int createBatch, int updateBatch) {

	public WritePlan {
		if (createBatch < 1 || updateBatch < 1) {
			throw new IllegalArgumentException("a request takes at least one record");
		}
	}

	/** How a record without store id is written. */
	public enum Creation {

		/**
		 * The store itself refuses a second record with the same natural key (a
		 * customer's email): create at once, and look up only the records of a refused
		 * batch, which are then updated.
		 */
		CREATE_FIRST,
		/**
		 * The store accepts duplicates: look every record without store id up before
		 * creating it.
		 */
		LOOKUP_FIRST,
		/**
		 * Nothing is created: each record is a part of a store record that exists (an
		 * order's status), written onto it, and its store id is that record's.
		 */
		IN_PLACE

	}

}
