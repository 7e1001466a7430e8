package io.syncbatch.pipeline;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.syncbatch.erp.ErpSource;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.record.DataRecord;
import io.syncbatch.rules.MappingContext;
import io.syncbatch.rules.RecordHeldException;
import io.syncbatch.rules.RecordNotInStoreException;

/**
 * Answers mapping rules for records written to the store: store ids come from the
 * referenced entity's sync history in the same store, child rows from the ERP with the
 * sync's query parameters.
 */
final class StoreReferences implements MappingContext {

	private final SyncContext context;

	private final SyncRecordRepository records;

	private final ErpSource erp;

	private final Predicate<String> sentToStore;

	/**
	 * @param sentToStore whether records of an entity go from the ERP to this store; one
	 * that only comes from the store (Magento's orders) is there only if it came from it
	 */
	StoreReferences(SyncContext context, SyncRecordRepository records, ErpSource erp, Predicate<String> sentToStore) {
		this.context = context;
		this.records = records;
		this.erp = erp;
		this.sentToStore = sentToStore;
	}

	@Override
	public Object boundId(String field, String entity, String erpId)
			throws RecordHeldException, RecordNotInStoreException {
		SyncRecord referenced = records.byErpIds(context.store(), entity, List.of(erpId)).get(erpId);
		String externalId = referenced == null ? null : referenced.externalId();
		if (externalId != null) {
			return externalId.matches("\\d{1,18}") ? (Object) Long.valueOf(externalId) : externalId;
		}
		if (referenced == null && !sentToStore.test(entity)) {
			throw new RecordNotInStoreException(field, entity + " " + erpId + " is not from store '" + context.store()
					+ "', and " + entity + " goes from that store to the ERP only");
		}
		String where = referenced == null ? "it has not been synced to store '" + context.store() + "' yet"
				: "it is " + referenced.status() + " in store '" + context.store() + "'"
						+ (referenced.lastError() == null ? "" : " (" + referenced.lastError() + ")");
		throw new RecordHeldException(field, "waiting for " + entity + " " + erpId + " to be in the store: " + where);
	}

	@Override
	public boolean erpHas(String table, String column, String value) {
		return erp.has(table, column, ErpReferences.company(context), value);
	}

	@Override
	public List<DataRecord> childRows(String query, DataRecord parent) {
		Map<String, @Nullable Object> values = new HashMap<>(context.queryParameters());
		values.putAll(parent.fields());
		return erp.childRows(query, values);
	}

}
