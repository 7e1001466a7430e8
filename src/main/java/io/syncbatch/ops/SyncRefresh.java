package io.syncbatch.ops;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.connector.StoreConnectors;

/**
 * The operator's "sync refresh": prepare records again (one, several, or every failed
 * one) so the next run processes them, or abort them so every run leaves them alone. All
 * or nothing: an unknown ERP id rolls the whole request back and is named in the error.
 */
@Component
public class SyncRefresh {

	private final Definitions definitions;

	private final StoreConnectors stores;

	private final SyncRecordRepository records;

	private final TransactionTemplate transaction;

	private final Clock clock;

	public SyncRefresh(Definitions definitions, StoreConnectors stores, SyncRecordRepository records,
			TransactionTemplate transaction, Clock clock) {
		this.definitions = definitions;
		this.stores = stores;
		this.records = records;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * @return how many records were prepared again
	 */
	public int retry(String entity, @Nullable String store, List<String> erpIds, boolean allFailed) {
		String entityName = definitions.entity(entity).entity();
		String storeName = stores.orDefault(store);
		if (allFailed == !erpIds.isEmpty()) {
			throw new IllegalArgumentException(
					"retry takes either ERP ids or 'all failed', not " + (allFailed ? "both" : "neither"));
		}
		if (allFailed) {
			return transaction
				.execute(status -> records.prepareAgainAllFailed(storeName, entityName, SyncDirection.EXPORT));
		}
		return transaction.execute(status -> {
			List<String> unknown = records.prepareAgain(storeName, entityName, SyncDirection.EXPORT, erpIds);
			failIfUnknown(unknown, entityName, storeName);
			return erpIds.size();
		});
	}

	/**
	 * @return how many records were aborted
	 */
	public int abort(String entity, @Nullable String store, List<String> erpIds) {
		String entityName = definitions.entity(entity).entity();
		String storeName = stores.orDefault(store);
		if (erpIds.isEmpty()) {
			throw new IllegalArgumentException("abort needs at least one ERP id");
		}
		return transaction.execute(status -> {
			List<String> unknown = records.abort(storeName, entityName, SyncDirection.EXPORT, erpIds,
					"aborted by an operator", clock.instant());
			failIfUnknown(unknown, entityName, storeName);
			return erpIds.size();
		});
	}

	/** Thrown inside the transaction, so the ids that did exist are rolled back too. */
	private static void failIfUnknown(List<String> unknown, String entity, String store) {
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("no " + entity + " sync record on store " + store + " for ERP id(s) "
					+ unknown + "; nothing was changed");
		}
	}

}
