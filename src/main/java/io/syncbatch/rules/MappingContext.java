package io.syncbatch.rules;

import java.util.List;

import io.syncbatch.record.DataRecord;

/**
 * What rules may ask beyond the record itself: other entities' store ids and the record's
 * child rows.
 */
public interface MappingContext {

	/**
	 * The store's id of another entity's record.
	 * @throws RecordHeldException when the store does not have that record yet, with the
	 * reason from its sync history
	 */
	String externalId(String field, String entity, String erpId) throws RecordHeldException;

	/**
	 * The rows of a child query (order lines), its named parameters bound from the parent
	 * record's columns.
	 */
	List<DataRecord> childRows(String query, DataRecord parent);

}
