package io.syncbatch.pipeline;

import java.util.List;

import io.syncbatch.definition.SyncDirection;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.record.DataRecord;
import io.syncbatch.rules.MappingContext;
import io.syncbatch.rules.RecordHeldException;

/**
 * Answers mapping rules for records written to the ERP: the ERP id of a store record of
 * another entity comes from that entity's sync history in the same store.
 */
final class ErpReferences implements MappingContext {

	private final SyncContext context;

	private final SyncRecordRepository records;

	ErpReferences(SyncContext context, SyncRecordRepository records) {
		this.context = context;
		this.records = records;
	}

	@Override
	public Object boundId(String field, String entity, String storeId) throws RecordHeldException {
		SyncRecord referenced = records.byKeys(context.store(), entity, SyncDirection.IMPORT, List.of(storeId))
			.get(storeId);
		String erpId = referenced == null ? null : referenced.erpId();
		if (erpId != null) {
			return erpId;
		}
		String where = referenced == null ? "it has not been imported from store '" + context.store() + "' yet"
				: "it is " + referenced.status() + " in store '" + context.store() + "'"
						+ (referenced.lastError() == null ? "" : " (" + referenced.lastError() + ")");
		throw new RecordHeldException(field,
				"waiting for the store's " + entity + " " + storeId + " to be in the ERP: " + where);
	}

	@Override
	public List<DataRecord> childRows(String query, DataRecord parent) {
		throw new UnsupportedOperationException(
				"lines from an ERP query are written to the store; an import's lines are a field of the store record");
	}

}
