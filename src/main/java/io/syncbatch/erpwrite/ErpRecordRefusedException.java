package io.syncbatch.erpwrite;

/**
 * An imported record the ERP cannot take as it is: a required value missing, a value too
 * long for its column, a key that another record has. The message names the record and
 * the field; the record is FAILED and nothing else is held back.
 */
public class ErpRecordRefusedException extends RuntimeException {

	ErpRecordRefusedException(String message) {
		super(message);
	}

}
