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
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.job.SyncJobs;
import io.syncbatch.run.SyncRun;
import io.syncbatch.record.SourceRecord;
import io.syncbatch.erp.ErpSource;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.record.UntrustedText;

/**
 * The batch-process screens: Load lists what a set of filters selects, with each record's
 * sync status, and syncs nothing; Process syncs chosen ERP ids; Process All syncs
 * everything the filters select.
 */
@Component
public class BatchProcesses {

	private final Definitions definitions;

	private final StoreConnectors stores;

	private final ErpSource erp;

	private final SyncRecordRepository records;

	private final SyncJobs jobs;

	public BatchProcesses(Definitions definitions, StoreConnectors stores, ErpSource erp, SyncRecordRepository records,
			SyncJobs jobs) {
		this.definitions = definitions;
		this.stores = stores;
		this.erp = erp;
		this.records = records;
		this.jobs = jobs;
	}

	/** One line of the Load grid; {@code status} is null for a record never prepared. */
	public record LoadedRecord(String erpId, @Nullable String description, @Nullable LocalDateTime changedAt,
			@Nullable String status, @Nullable String externalId, @Nullable Instant lastAttempt) {
	}

	public List<LoadedRecord> load(String entity, @Nullable String store, Map<String, String> filters, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be a whole number of at least 1, got " + limit);
		}
		EntityDefinition definition = definitions.entity(entity);
		String storeName = stores.orDefault(store);
		checkNames(definition, filters);
		List<SourceRecord> rows = erp.selected(definition, SyncRun.queryParameters(definition, filters::get),
				SyncRun.filters(definition, filters::get), limit);
		Map<String, SyncRecord> known = records.byErpIds(storeName, definition.entity(),
				rows.stream().map(SourceRecord::key).toList());
		return rows.stream().map(row -> {
			SyncRecord record = known.get(row.key());
			return new LoadedRecord(row.key(), row.description(), row.changedAt(),
					record == null ? null : record.status().name(), record == null ? null : record.externalId(),
					record == null ? null : record.lastAttemptAt());
		}).toList();
	}

	/**
	 * Process: syncs exactly these records now, changed or not, and waits for the run to
	 * end.
	 */
	public JobExecution process(String entity, @Nullable String store, List<String> erpIds, boolean wait)
			throws Exception {
		if (erpIds.isEmpty()) {
			throw new IllegalArgumentException("process needs at least one ERP id");
		}
		refuseUnknown(definitions.entity(entity), stores.orDefault(store), erpIds);
		return launch(entity, store, Map.of(BatchFilter.IDS, String.join(",", erpIds)), wait);
	}

	/**
	 * Process All: syncs everything the filters select; at least one filter, as on the
	 * batch-process screen.
	 */
	public JobExecution processAll(String entity, @Nullable String store, Map<String, String> filters, boolean wait)
			throws Exception {
		EntityDefinition definition = definitions.entity(entity);
		checkNames(definition, filters);
		if (SyncRun.filters(definition, filters::get).isEmpty()) {
			throw new IllegalArgumentException("process-all needs at least one filter of " + filterNames(definition));
		}
		return launch(entity, store, filters, wait);
	}

	private JobExecution launch(String entity, @Nullable String store, Map<String, String> filters, boolean wait)
			throws Exception {
		Map<String, String> parameters = new LinkedHashMap<>(filters);
		if (store != null) {
			parameters.put(SyncRun.STORE, store);
		}
		String job = definitions.entity(entity).job(SyncDirection.EXPORT).name();
		return wait ? jobs.launch(job, parameters) : jobs.launchInBackground(job, parameters);
	}

	/**
	 * As sync refresh does, before anything is recorded: an id neither the ERP's source
	 * query nor the history knows is a typo. (One the history knows but the ERP no longer
	 * has is processed: it was deleted there.) Ids too long to be any record's are left
	 * to the launch, which says so.
	 */
	private void refuseUnknown(EntityDefinition definition, String store, List<String> erpIds) {
		erpIds.forEach(id -> UntrustedText.requirePrintable("parameter 'ids'", id));
		List<String> candidates = erpIds.stream()
			.map(String::trim)
			.filter(id -> !id.isEmpty() && id.length() <= SyncRecord.LONGEST_KEY)
			.distinct()
			.toList();
		Set<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		known.addAll(erp.selectedKeys(definition, candidates,
				SyncRun.queryParameters(definition, Map.<String, String>of()::get)));
		known.addAll(records.byErpIds(store, definition.entity(), candidates).keySet());
		List<String> unknown = candidates.stream().filter(id -> !known.contains(id)).toList();
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("no " + definition.entity() + " with ERP id(s) " + unknown
					+ " in the ERP or in the sync history of store " + store + "; nothing was launched");
		}
	}

	private static void checkNames(EntityDefinition definition, Map<String, String> filters) {
		filters.forEach((name, value) -> {
			UntrustedText.requirePrintable("a filter name", name);
			UntrustedText.requirePrintable("filter " + UntrustedText.quoted(name), value);
		});
		Set<String> accepted = filterNames(definition);
		accepted.addAll(definition.source().parameters().keySet());
		filters.keySet().stream().filter(name -> !accepted.contains(name)).findFirst().ifPresent(name -> {
			throw new IllegalArgumentException("unknown filter " + UntrustedText.quoted(name) + " for "
					+ definition.entity() + "; filters: " + accepted);
		});
	}

	private static Set<String> filterNames(EntityDefinition definition) {
		Set<String> names = new TreeSet<>();
		definition.allBatchFilters().forEach(filter -> names.add(filter.parameter()));
		return names;
	}

}
