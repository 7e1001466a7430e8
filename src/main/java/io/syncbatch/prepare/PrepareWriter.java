package io.syncbatch.prepare;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import io.syncbatch.history.ChangeTime;
import io.syncbatch.history.PreparedChange;
import io.syncbatch.history.PreparedRecords;
import io.syncbatch.history.RealtimeCoverage;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncScopes;
import io.syncbatch.pipeline.Tally;
import io.syncbatch.record.SourceRecord;
import io.syncbatch.run.StepRun;
import io.syncbatch.run.SyncRun;

/**
 * Marks new and changed records as prepared. A record is unchanged when its fingerprint
 * equals the one waiting for it, or, when none waits, the one it was last synced with:
 * one query per chunk for both, so unchanged rows cost a read and nothing else. The rest
 * are written as narrow rows (key, fingerprint, change time) in one statement per chunk;
 * the history is written when they are processed. A selective run (batch filters, chosen
 * ids) prepares every row it selects: the operator asked for exactly those to be synced
 * now.
 */
public class PrepareWriter implements ItemStreamWriter<SourceRecord> {

	public static final String MAX_CHANGED_AT = "prepare.max-changed-at";

	private final StepRun step;

	private final SyncRecordRepository records;

	private final PreparedRecords prepared;

	private final SyncScopes scopes;

	private final RealtimeCoverage coverage;

	private @Nullable LocalDateTime maxChangedAt;

	private boolean realTimeActive;

	public PrepareWriter(StepRun step, SyncRecordRepository records, PreparedRecords prepared, SyncScopes scopes,
			RealtimeCoverage coverage) {
		this.step = step;
		this.records = records;
		this.prepared = prepared;
		this.scopes = scopes;
		this.coverage = coverage;
	}

	@Override
	public void open(ExecutionContext context) {
		// Only a run that reads everything changed can tell what real time did not bring.
		realTimeActive = !step.run().selective() && coverage.active(step.run().store());
		if (context.containsKey(MAX_CHANGED_AT)) {
			maxChangedAt = LocalDateTime.parse(context.getString(MAX_CHANGED_AT));
		}
	}

	@Override
	public void write(Chunk<? extends SourceRecord> chunk) {
		SyncRun run = step.run();
		int scope = scopes.id(run.store(), run.entity(), run.direction());
		List<? extends SourceRecord> rows = chunk.getItems();
		List<String> keys = rows.stream().map(SourceRecord::key).toList();
		Map<String, String> known = run.selective() ? Map.of()
				: records.knownFingerprints(run.store(), run.entity(), run.direction(), keys);
		List<PreparedChange> changes = new ArrayList<>();
		for (SourceRecord row : rows) {
			if (run.selective() || !row.fingerprint().equals(known.get(row.key()))) {
				changes.add(new PreparedChange(row.key(), row.fingerprint(),
						row.changedAt() == null ? ChangeTime.EARLIEST : row.changedAt()));
			}
			if (row.changedAt() != null && (maxChangedAt == null || row.changedAt().isAfter(maxChangedAt))) {
				maxChangedAt = row.changedAt();
			}
		}
		if (!changes.isEmpty()) {
			prepared.prepare(scope, changes, run.selective() ? run.jobInstanceId() : null);
		}
		Tally tally = step.context().tally();
		if (realTimeActive && !changes.isEmpty()) {
			Set<String> brought = coverage.waiting(run.store(), run.entity(), run.direction(),
					changes.stream().map(PreparedChange::key).toList());
			tally.add(Tally.MISSED_BY_REAL_TIME,
					changes.stream().filter(change -> !brought.contains(change.key())).count());
		}
		tally.add(Tally.PREPARED, changes.size());
		tally.add(Tally.UNCHANGED, rows.size() - changes.size());
	}

	@Override
	public void update(ExecutionContext context) {
		if (maxChangedAt != null) {
			context.putString(MAX_CHANGED_AT, maxChangedAt.toString());
		}
	}

}
