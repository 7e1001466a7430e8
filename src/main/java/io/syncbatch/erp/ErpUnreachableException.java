package io.syncbatch.erp;

import io.syncbatch.config.ConnectionFailure;
import io.syncbatch.config.DatabaseAddress;

/** The ERP database could not be reached, or its connection broke, while reading it. */
public class ErpUnreachableException extends RuntimeException {

	ErpUnreachableException(DatabaseAddress address, Throwable cause) {
		super("the ERP database at " + address + " was unreachable: " + ConnectionFailure.rootMessage(cause), cause);
	}

}
