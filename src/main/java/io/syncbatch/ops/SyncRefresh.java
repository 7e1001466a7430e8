package io.syncbatch.ops;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.record.UntrustedText;

/**
 * The operator's "sync refresh": prepare records again (one, several, or every failed
 * one) so the next run processes them, or abort them so every run leaves them alone.
 * Named ERP ids are all or nothing: every id is looked up first, and an unknown one
 * refuses the request, named in the error, before anything changes. The changes are then
 * made in transactions of {@code syncbatch.refresh.batch-size} ids, so that a long list
 * never holds one transaction and its locks for long (an 11 MB list once held one for 81
 * s); a database failure midway leaves the batches before it done, and repeating the
 * request is harmless, since preparing again or aborting twice is the same as once.
 */
@Component
public class SyncRefresh {

	/** How many unknown ids an error message names; the rest are counted. */
	private static final int NAMED = 10;

	private final Definitions definitions;

	private final StoreConnectors stores;

	private final SyncRecordRepository records;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final SyncbatchProperties.Refresh limits;

	public SyncRefresh(Definitions definitions, StoreConnectors stores, SyncRecordRepository records,
			TransactionTemplate transaction, Clock clock, SyncbatchProperties properties) {
		this.definitions = definitions;
		this.stores = stores;
		this.records = records;
		this.transaction = transaction;
		this.clock = clock;
		this.limits = properties.refresh();
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
			return retryAllFailed(storeName, entityName);
		}
		List<String> ids = checked("retry", erpIds);
		requireKnown(ids, entityName, storeName);
		for (List<String> batch : batches(ids)) {
			transaction.executeWithoutResult(
					status -> records.prepareAgain(storeName, entityName, SyncDirection.EXPORT, batch));
		}
		return ids.size();
	}

	private int retryAllFailed(String store, String entity) {
		int count = 0;
		String after = null;
		while (true) {
			String from = after;
			List<String> batch = Objects.requireNonNull(transaction.execute(status -> records.prepareAgainFailed(store,
					entity, SyncDirection.EXPORT, from, limits.batchSize())));
			count += batch.size();
			if (batch.size() < limits.batchSize()) {
				return count;
			}
			after = batch.get(batch.size() - 1);
		}
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
		List<String> ids = checked("abort", erpIds);
		requireKnown(ids, entityName, storeName);
		for (List<String> batch : batches(ids)) {
			transaction.executeWithoutResult(status -> records.abort(storeName, entityName, SyncDirection.EXPORT, batch,
					"aborted by an operator", clock.instant()));
		}
		return ids.size();
	}

	/** The ids without repeats, each printable, no more than the limit. */
	private List<String> checked(String operation, List<String> erpIds) {
		if (erpIds.size() > limits.maxIds()) {
			throw new IllegalArgumentException(operation + " takes at most " + limits.maxIds()
					+ " ERP ids per request (syncbatch.refresh.max-ids), got " + erpIds.size()
					+ "; send them in several requests, or use all failed");
		}
		for (int i = 0; i < erpIds.size(); i++) {
			UntrustedText.requirePrintable("ERP id number " + (i + 1), erpIds.get(i));
		}
		return List.copyOf(new LinkedHashSet<>(erpIds));
	}

	private void requireKnown(List<String> ids, String entity, String store) {
		List<String> unknown = new ArrayList<>();
		for (List<String> batch : batches(ids)) {
			unknown.addAll(records.unknownErpIds(store, entity, SyncDirection.EXPORT, batch));
		}
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("no " + entity + " sync record on store " + store + " for ERP id(s) "
					+ named(unknown) + "; nothing was changed");
		}
	}

	private List<List<String>> batches(List<String> ids) {
		List<List<String>> batches = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += limits.batchSize()) {
			batches.add(ids.subList(from, Math.min(ids.size(), from + limits.batchSize())));
		}
		return batches;
	}

	/** The first few ids, each as long as an error may show, and how many more. */
	private static String named(List<String> ids) {
		List<String> shown = ids.stream()
			.limit(NAMED)
			.map(id -> id.length() <= UntrustedText.SHOWN ? id : UntrustedText.quoted(id))
			.toList();
		return shown + (ids.size() > NAMED ? " and " + (ids.size() - NAMED) + " more" : "");
	}

}
