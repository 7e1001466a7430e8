package io.syncbatch.pipeline;

/**
 * Where a sync counts what it did: the run summary and the meters when it runs in a job
 * step (counted when the chunk commits), or the caller's own count outside a job.
 */
@FunctionalInterface
public interface Tally {

	/** New or changed records that prepare found. */
	String PREPARED = "prepared";

	/** Records prepare read and left alone because their fingerprint had not changed. */
	String UNCHANGED = "unchanged";

	/**
	 * Records the process found the other side already holding: the engine's own write
	 * coming back, or an ERP record that already had every value.
	 */
	String IN_SYNC = "in-sync";

	/**
	 * Records both sides had changed since they were last synced, settled by the primary
	 * system.
	 */
	String CONFLICTS = "conflicts";

	/**
	 * Changed records a batch run (not a selective one) prepared while the store's real
	 * time was active: changes no push notification or webhook brought.
	 */
	String MISSED_BY_REAL_TIME = "missed-by-real-time";

	// The other tallies are named after the outcome: a SyncStatus or, for PROCESSED, a
	// LastOperation.

	/** Counts nothing: for callers that read the history instead. */
	Tally NONE = (name, amount) -> {
	};

	void add(String name, long amount);

}
