package io.syncbatch.pipeline;

import java.util.List;

import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.erp.ErpSource;
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

	private final ErpSource erp;

	ErpReferences(SyncContext context, SyncRecordRepository records, ErpSource erp) {
		this.context = context;
		this.records = records;
		this.erp = erp;
	}

	@Override
	public boolean erpHas(String table, String column, String value) {
		return erp.has(table, column, company(context), value);
	}

	/** The ERP company the sync's query reads (and its imports write). */
	static Object company(SyncContext context) {
		Object company = context.queryParameters().get(Definitions.COMPANY);
		if (company == null) {
			throw new IllegalStateException(context.definition().origin() + ": source.parameters." + Definitions.COMPANY
					+ " is needed to look records up in the ERP");
		}
		return company;
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
