package io.syncbatch.prepare;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import io.syncbatch.pipeline.RecordSources;
import io.syncbatch.history.ChangeTime;
import io.syncbatch.history.PreparedChange;
import io.syncbatch.history.PreparedRecords;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncScopes;
import io.syncbatch.pipeline.Tally;
import io.syncbatch.run.StepRun;
import io.syncbatch.run.SyncRun;

/**
 * Asks the source (the ERP's query for an export, the store for an import) which of a
 * chunk of synced keys it still has, and prepares the others as gone, so the process step
 * records them DELETED and applies the definition's {@code target.on-delete} to the
 * store's record, with the same retries, history and restarts as any change. The question
 * is the entity's own query, by key: a record a batch filter leaves out is not taken for
 * deleted.
 */
public class DeletedRecordsWriter implements ItemWriter<String> {

	private final StepRun step;

	private final RecordSources sources;

	private final SyncRecordRepository records;

	private final PreparedRecords prepared;

	private final SyncScopes scopes;

	public DeletedRecordsWriter(StepRun step, RecordSources sources, SyncRecordRepository records,
			PreparedRecords prepared, SyncScopes scopes) {
		this.step = step;
		this.sources = sources;
		this.records = records;
		this.prepared = prepared;
		this.scopes = scopes;
	}

	@Override
	public void write(Chunk<? extends String> chunk) {
		SyncRun run = step.run();
		List<String> keys = List.copyOf(chunk.getItems());
		Set<String> selected = sources.stillThere(step.context(), keys);
		List<String> gone = keys.stream().filter(key -> !selected.contains(key)).toList();
		if (!gone.isEmpty()) {
			Map<String, SyncRecord> bindings = records.byKeys(run.store(), run.entity(), run.direction(), gone);
			prepared.prepare(scopes.id(run.store(), run.entity(), run.direction()), gone.stream().map(key -> {
				SyncRecord binding = bindings.get(key);
				return PreparedChange.gone(key,
						binding == null || binding.changedAt() == null ? ChangeTime.EARLIEST : binding.changedAt());
			}).toList(), run.selective() ? run.jobInstanceId() : null);
		}
		step.context().tally().add(Tally.PREPARED, gone.size());
	}

}
