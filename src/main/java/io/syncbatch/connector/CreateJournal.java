package io.syncbatch.connector;

import java.util.List;

/**
 * Remembers what is about to be created, durably, before the request leaves: if the
 * answer is lost with the process, the restart can look the record up by what was sent
 * ({@link OutgoingRecord#sentBefore()}), whatever its source says by then.
 */
@FunctionalInterface
public interface CreateJournal {

	/**
	 * Commits these records' natural keys before returning.
	 * @param naturalKeys each record with only the fields its lookup uses
	 */
	void aboutToCreate(List<OutgoingRecord> naturalKeys);

}
