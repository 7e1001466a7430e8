package io.syncbatch.pipeline;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.syncbatch.definition.SyncDirection;
import io.syncbatch.erp.ErpSource;
import io.syncbatch.record.SourceRecord;
import io.syncbatch.storeread.StoreSource;

/**
 * The side a sync starts from, and the side it writes to, read by key: the ERP's generic
 * inquiry for ERP ids, the store's resource for store ids.
 */
@Component
public class RecordSources {

	private final ErpSource erp;

	private final StoreSource store;

	public RecordSources(ErpSource erp, StoreSource store) {
		this.erp = erp;
		this.store = store;
	}

	/**
	 * The current records of these keys on one side: the ERP's for {@code EXPORT} (where
	 * an export starts), the store's for {@code IMPORT}; keys the side no longer has, or
	 * no longer selects, are absent.
	 */
	public Map<String, SourceRecord> current(SyncContext context, SyncDirection side, Collection<String> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		return side == SyncDirection.IMPORT ? store.byKeys(context.definition(), context.store(), keys)
				: erp.rowsByKey(context.definition(), keys, context.queryParameters());
	}

	/**
	 * Which of these keys the side a sync starts from still has: the ERP's query still
	 * selects them (reading only the key column), or the store still has them.
	 */
	public Set<String> stillThere(SyncContext context, Collection<String> keys) {
		return context.direction() == SyncDirection.IMPORT
				? store.byKeys(context.definition(), context.store(), keys).keySet()
				: erp.selectedKeys(context.definition(), keys, context.queryParameters());
	}

}
