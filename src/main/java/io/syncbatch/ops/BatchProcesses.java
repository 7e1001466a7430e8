package io.syncbatch.ops;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import io.syncbatch.definition.BatchFilter;
import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.job.SyncJobs;
import io.syncbatch.run.SyncRun;
import io.syncbatch.record.SourceRecord;
import io.syncbatch.erp.ErpSource;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.record.UntrustedText;
import io.syncbatch.storeread.StorePage;
import io.syncbatch.storeread.StoreSource;

/**
 * The batch-process screens: Load lists what a set of filters selects, with each record's
 * sync status, and syncs nothing; Process syncs chosen records; Process All syncs
 * everything the filters select. Each works on an entity's export, or on the job named
 * ({@code customer-import}): records are then named by the key of the side the job starts
 * from, ERP ids or store ids.
 */
@Component
public class BatchProcesses {

	private final Definitions definitions;

	private final StoreConnectors stores;

	private final ErpSource erp;

	private final StoreSource storeSource;

	private final SyncRecordRepository records;

	private final SyncJobs jobs;

	public BatchProcesses(Definitions definitions, StoreConnectors stores, ErpSource erp, StoreSource storeSource,
			SyncRecordRepository records, SyncJobs jobs) {
		this.definitions = definitions;
		this.stores = stores;
		this.erp = erp;
		this.storeSource = storeSource;
		this.records = records;
		this.jobs = jobs;
	}

	/**
	 * One line of the Load grid; {@code status} is null for a record never prepared.
	 *
	 * @param key its id on the side the sync starts from (the ERP id, or the store id of
	 * an import)
	 * @param boundId its id on the other side, when the sync history binds it
	 */
	public record LoadedRecord(String key, @Nullable String description, @Nullable LocalDateTime changedAt,
			@Nullable String status, @Nullable String boundId, @Nullable Instant lastAttempt) {
	}

	public List<LoadedRecord> load(String entityOrJob, @Nullable String store, Map<String, String> filters, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be a whole number of at least 1, got " + limit);
		}
		String storeName = stores.orDefault(store);
		// As the job runs there: a platform may read the store's records its own way.
		EntityJob way = onStore(definitions.way(entityOrJob), storeName);
		EntityDefinition definition = way.definition();
		// What Process would refuse to sync there, Load does not list either.
		jobs.runsOn(way, storeName);
		checkNames(way, filters);
		List<SourceRecord> rows = way.direction() == SyncDirection.IMPORT ? inStore(way, storeName, filters, limit)
				: erp.selected(definition, SyncRun.queryParameters(definition, filters::get),
						SyncRun.filters(way, filters::get), limit);
		Map<String, SyncRecord> known = records.byKeys(storeName, definition.entity(), way.direction(),
				rows.stream().map(SourceRecord::key).toList());
		SyncDirection otherWay = way.direction() == SyncDirection.IMPORT ? SyncDirection.EXPORT : SyncDirection.IMPORT;
		return rows.stream().map(row -> {
			SyncRecord record = known.get(row.key());
			return new LoadedRecord(row.key(), row.description(), row.changedAt(),
					record == null ? null : record.status().name(), record == null ? null : record.key(otherWay),
					record == null ? null : record.lastAttemptAt());
		}).toList();
	}

	private EntityJob onStore(EntityJob way, String store) {
		return new EntityJob(way.definition().on(stores.platform(store)), way.direction());
	}

	/** The chosen store records, or the first ones by change time. */
	private List<SourceRecord> inStore(EntityJob way, String store, Map<String, String> filters, int limit) {
		Object ids = SyncRun.filters(way, filters::get)
			.entrySet()
			.stream()
			.filter(filter -> filter.getKey().parameter().equals(BatchFilter.IDS))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
		if (ids instanceof List<?> chosen) {
			return storeSource.byKeys(way.definition(), store, chosen.stream().map(String::valueOf).toList())
				.values()
				.stream()
				.limit(limit)
				.toList();
		}
		List<SourceRecord> first = new java.util.ArrayList<>();
		String cursor = null;
		do {
			StorePage page = storeSource.changed(way.definition(), store, null, cursor, limit);
			page.records().stream().limit(limit - first.size()).forEach(first::add);
			cursor = page.next();
		}
		while (cursor != null && first.size() < limit);
		return first;
	}

	/**
	 * Process: syncs exactly these records now, changed or not, and waits for the run to
	 * end.
	 */
	public JobExecution process(String entityOrJob, @Nullable String store, List<String> ids, boolean wait)
			throws Exception {
		EntityJob way = definitions.way(entityOrJob);
		if (ids.isEmpty()) {
			throw new IllegalArgumentException("process needs at least one " + way.keyName());
		}
		refuseUnknown(way, stores.orDefault(store), ids);
		return launch(way, store, Map.of(BatchFilter.IDS, String.join(",", ids)), wait);
	}

	/**
	 * Process All: syncs everything the filters select; at least one filter, as on the
	 * batch-process screen.
	 */
	public JobExecution processAll(String entityOrJob, @Nullable String store, Map<String, String> filters,
			boolean wait) throws Exception {
		EntityJob way = definitions.way(entityOrJob);
		checkNames(way, filters);
		if (SyncRun.filters(way, filters::get).isEmpty()) {
			throw new IllegalArgumentException("process-all needs at least one filter of " + filterNames(way));
		}
		return launch(way, store, filters, wait);
	}

	private JobExecution launch(EntityJob way, @Nullable String store, Map<String, String> filters, boolean wait)
			throws Exception {
		Map<String, String> parameters = new LinkedHashMap<>(filters);
		if (store != null) {
			parameters.put(SyncRun.STORE, store);
		}
		return wait ? jobs.launch(way.name(), parameters) : jobs.launchInBackground(way.name(), parameters);
	}

	/**
	 * As sync refresh does, before anything is recorded: an id neither the source nor the
	 * history knows is a typo. (One the history knows but the source no longer has is
	 * processed: it was deleted there.) Ids too long to be any record's are left to the
	 * launch, which says so.
	 */
	private void refuseUnknown(EntityJob way, String store, List<String> ids) {
		ids.forEach(id -> UntrustedText.requirePrintable("parameter 'ids'", id));
		EntityDefinition definition = way.definition().on(stores.platform(store));
		List<String> candidates = ids.stream()
			.map(String::trim)
			.filter(id -> !id.isEmpty() && id.length() <= SyncRecord.LONGEST_KEY)
			.distinct()
			.toList();
		Set<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		if (way.direction() == SyncDirection.IMPORT) {
			known.addAll(storeSource.byKeys(definition, store, candidates).keySet());
		}
		else {
			known.addAll(erp.selectedKeys(definition, candidates,
					SyncRun.queryParameters(definition, Map.<String, String>of()::get)));
		}
		known.addAll(records.byKeys(store, definition.entity(), way.direction(), candidates).keySet());
		List<String> unknown = candidates.stream().filter(id -> !known.contains(id)).toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("no " + definition.entity() + " with " + way.keyName() + "(s) " + unknown
					+ " in the " + (way.direction() == SyncDirection.IMPORT ? "store" : "ERP")
					+ " or in the sync history of store " + store + "; nothing was launched");
		}
	}

	private static void checkNames(EntityJob way, Map<String, String> filters) {
		filters.forEach((name, value) -> {
			UntrustedText.requirePrintable("a filter name", name);
			UntrustedText.requirePrintable("filter " + UntrustedText.quoted(name), value);
		});
		Set<String> accepted = filterNames(way);
		accepted.addAll(way.definition().source().parameters().keySet());
		filters.keySet().stream().filter(name -> !accepted.contains(name)).findFirst().ifPresent(name -> {
			throw new IllegalArgumentException(
					"unknown filter " + UntrustedText.quoted(name) + " for " + way.name() + "; filters: " + accepted);
		});
	}

	private static Set<String> filterNames(EntityJob way) {
		Set<String> names = new TreeSet<>();
		way.definition().allBatchFilters(way.direction()).forEach(filter -> names.add(filter.parameter()));
		return names;
	}

}
