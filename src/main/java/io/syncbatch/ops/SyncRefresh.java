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
import io.syncbatch.definition.EntityJob;
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
	/**
	 * @param entityOrJob an entity (its export) or a job ({@code customer-import}), whose
	 * source's keys {@code ids} are
	 * @return how many records were prepared again
	 */
	public int retry(String entityOrJob, @Nullable String store, List<String> ids, boolean allFailed) {
		EntityJob way = definitions.way(entityOrJob);
		String storeName = stores.orDefault(store);
		if (allFailed == !ids.isEmpty()) {
			throw new IllegalArgumentException("retry takes either " + way.keyName() + "s or 'all failed', not "
					+ (allFailed ? "both" : "neither"));
		}
		if (allFailed) {
			return retryAllFailed(storeName, way);
		}
		List<String> checked = checked("retry", way, ids);
		requireKnown(checked, way, storeName);
		for (List<String> batch : batches(checked)) {
			transaction
				.executeWithoutResult(status -> records.prepareAgain(storeName, way.entity(), way.direction(), batch));
		}
		return checked.size();
	}

	private int retryAllFailed(String store, EntityJob way) {
		int count = 0;
		String after = null;
		while (true) {
			String from = after;
			List<String> batch = Objects.requireNonNull(transaction.execute(status -> records.prepareAgainFailed(store,
					way.entity(), way.direction(), from, limits.batchSize())));
			count += batch.size();
			if (batch.size() < limits.batchSize()) {
				return count;
			}
			after = batch.get(batch.size() - 1);
		}
	}

	/**
	 * @param entityOrJob an entity (its export) or a job ({@code customer-import}), whose
	 * source's keys {@code ids} are
	 * @return how many records were aborted
	 */
	public int abort(String entityOrJob, @Nullable String store, List<String> ids) {
		EntityJob way = definitions.way(entityOrJob);
		String storeName = stores.orDefault(store);
		if (ids.isEmpty()) {
			throw new IllegalArgumentException("abort needs at least one " + way.keyName());
		}
		List<String> checked = checked("abort", way, ids);
		requireKnown(checked, way, storeName);
		for (List<String> batch : batches(checked)) {
			transaction.executeWithoutResult(status -> records.abort(storeName, way.entity(), way.direction(), batch,
					"aborted by an operator", clock.instant()));
		}
		return checked.size();
	}

	/** The ids without repeats, each printable, no more than the limit. */
	private List<String> checked(String operation, EntityJob way, List<String> ids) {
		if (ids.size() > limits.maxIds()) {
			throw new IllegalArgumentException(operation + " takes at most " + limits.maxIds() + " " + way.keyName()
					+ "s per request (syncbatch.refresh.max-ids), got " + ids.size()
					+ "; send them in several requests, or use all failed");
		}
		for (int i = 0; i < ids.size(); i++) {
			UntrustedText.requirePrintable(way.keyName() + " number " + (i + 1), ids.get(i));
		}
		return List.copyOf(new LinkedHashSet<>(ids));
	}

	private void requireKnown(List<String> ids, EntityJob way, String store) {
		List<String> unknown = new ArrayList<>();
		for (List<String> batch : batches(ids)) {
			unknown.addAll(records.unknownKeys(store, way.entity(), way.direction(), batch));
		}
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("no " + way.name() + " sync record on store " + store + " for "
					+ way.keyName() + "(s) " + named(unknown) + "; nothing was changed");
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
