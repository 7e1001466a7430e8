package io.syncbatch.connector.bigcommerce;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one BigCommerce resource is written, as its published contract says: which requests
 * create and update, how many records a request takes, and how a record the store already
 * has is found again.
 *
 * @param path below the store root, with {@code {field}} variables taken out of the
 * payload, e.g. {@code /v2/orders/{order_id}/shipments}
 * @param create how a record without store id is written
 * @param update how a record with store id is written
 * @param lookup how a record that was created before a crash, but whose id was never
 * saved, is found
 * @param createOnly payload fields the store refuses on update (an order's
 * {@code external_id})
 * @param deletes the contract deletes a batch by {@code DELETE path?id:in=…}
 * @param contract the file of contracts/bigcommerce that declares its requests, whose
 * limits every payload is checked against before it is sent
 */
record BigCommerceResource(String name, String path, Write create, Write update, Lookup lookup, Set<String> createOnly,
		boolean deletes, String contract) {

	boolean shipsOrderItems() {
		return path.endsWith("/shipments");
	}

	/** The request shapes the contracts offer. */
	enum Write {

		/**
		 * POST or PUT {@code path} with an array of up to
		 * {@value BigCommerceWriter#BATCH_LIMIT} records.
		 */
		BATCH,
		/** POST {@code path} with one record. */
		SINGLE,
		/** PUT {@code path/{id}} with one record. */
		BY_ID,
		/**
		 * PUT {@code path} with one record whose id is a path variable: the record is a
		 * part of another one (an order's status), so there is nothing to create and its
		 * store id is the owner's.
		 */
		IN_PLACE

	}

	/**
	 * Finds records by fields the store keeps unique. {@code query} maps query parameters
	 * to payload fields; an item of the answer is the record when all {@code match}
	 * fields are equal.
	 *
	 * @param batched the first query parameter takes a comma-separated list
	 * ({@code email:in}) so one request looks up a whole batch; otherwise one request per
	 * record
	 * @param enforced the store itself refuses a second record with the same
	 * {@code match} fields, so a create needs no lookup first: only a refused batch is
	 * looked up, and what the store has is updated
	 */
	record Lookup(Map<String, String> query, List<String> match, boolean batched, boolean enforced) {

		static final Lookup NONE = new Lookup(Map.of(), List.of(), false, false);

		boolean none() {
			return match.isEmpty();
		}
	}
}
