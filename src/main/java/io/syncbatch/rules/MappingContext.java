package io.syncbatch.rules;

import java.util.List;

import io.syncbatch.record.DataRecord;

/**
 * What rules may ask beyond the record itself: other entities' ids on the side a record
 * is written to, and the record's child rows.
 */
public interface MappingContext {

	/**
	 * The id of another entity's record on the side this record is written to, given its
	 * id on the side this record comes from: the store's id of an ERP customer for an
	 * export, the ERP's id of a store customer for an import. As the destination wants
	 * it: a store's numeric id is a number.
	 * @throws RecordHeldException when the destination does not have that record yet,
	 * with the reason from its sync history
	 * @throws RecordNotInStoreException when the destination can never have it: it is not
	 * from this store, and only the store makes such records
	 */
	Object boundId(String field, String entity, String key) throws RecordHeldException, RecordNotInStoreException;

	/**
	 * The rows of a child query (order lines), its named parameters bound from the parent
	 * record's columns.
	 */
	List<DataRecord> childRows(String query, DataRecord parent);

	/**
	 * Whether the ERP's table has a row with this value in this column, in the sync's
	 * company.
	 */
	boolean erpHas(String table, String column, String value);

}
