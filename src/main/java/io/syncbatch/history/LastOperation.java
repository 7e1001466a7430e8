package io.syncbatch.history;

/**
 * How a PROCESSED record was written: externally = in the store, locally = in the ERP.
 */
public enum LastOperation {

	INSERTED_EXTERNALLY, UPDATED_EXTERNALLY, INSERTED_LOCALLY, UPDATED_LOCALLY, DELETED_EXTERNALLY, DELETED_LOCALLY

}
