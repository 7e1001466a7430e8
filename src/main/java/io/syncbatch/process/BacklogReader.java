package io.syncbatch.process;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemReader;

import io.syncbatch.history.BacklogPosition;
import io.syncbatch.history.BacklogSlice;
import io.syncbatch.history.PreparedChange;
import io.syncbatch.history.PreparedRecords;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncScopes;
import io.syncbatch.pipeline.RecordPipeline;
import io.syncbatch.pipeline.SyncItem;
import io.syncbatch.pipeline.WaitingRecord;
import io.syncbatch.run.StepRun;
import io.syncbatch.run.SyncRun;

/**
 * Reads the backlog page by page, oldest change first: what prepare found (the prepared
 * records) merged with what waits in the history (HELD, and FAILED with attempts left),
 * each page joined with the source's current state. It saves no position: what still
 * waits is the checkpoint, so a restart simply reads what is still waiting. Within a run
 * the position only moves forward, so a record that fails is not read again by the same
 * run. A process partition reads only its slice of the backlog ({@link BacklogSlice}); a
 * selective run only what its job instance prepared.
 */
public class BacklogReader implements ItemReader<SyncItem>, StepExecutionListener {

	private final StepRun step;

	private final RecordPipeline pipeline;

	private final PreparedRecords prepared;

	private final SyncRecordRepository records;

	private final SyncScopes scopes;

	private final boolean heldOnly;

	private final Deque<SyncItem> page = new ArrayDeque<>();

	private BacklogSlice slice = BacklogSlice.ALL;

	private BacklogPosition position = BacklogPosition.START;

	private boolean exhausted;

	/**
	 * @param heldOnly read only HELD records: the held pass of an entity whose records
	 * refer to each other
	 */
	public BacklogReader(StepRun step, RecordPipeline pipeline, PreparedRecords prepared, SyncRecordRepository records,
			SyncScopes scopes, boolean heldOnly) {
		this.step = step;
		this.pipeline = pipeline;
		this.prepared = prepared;
		this.records = records;
		this.scopes = scopes;
		this.heldOnly = heldOnly;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		slice = BacklogSlice.of(stepExecution.getExecutionContext());
		// A held pass can run several times in one job execution with this same reader.
		page.clear();
		position = BacklogPosition.START;
		exhausted = false;
	}

	@Override
	public SyncItem read() {
		if (page.isEmpty() && !exhausted) {
			fill();
		}
		return page.poll();
	}

	private void fill() {
		SyncRun run = step.run();
		int limit = run.job().definition().chunkSize();
		List<WaitingRecord> waiting = new ArrayList<>();
		if (!heldOnly) {
			List<PreparedChange> changes = prepared.page(scopes.id(run.store(), run.entity(), run.direction()), slice,
					position, limit, run.selective() ? run.jobInstanceId() : null);
			Map<String, SyncRecord> bindings = records.byKeys(run.store(), run.entity(), run.direction(),
					changes.stream().map(PreparedChange::key).toList());
			changes.forEach(change -> waiting.add(new WaitingRecord(change.key(), change.changedAt(),
					bindings.get(change.key()), change.fingerprint())));
		}
		if (!run.selective()) {
			List<SyncRecord> inHistory = heldOnly
					? records.held(run.store(), run.entity(), run.direction(), position, limit)
					: records.waiting(run.store(), run.entity(), run.direction(), slice, position, limit,
							run.job().definition().maxAttempts());
			// The history's rows of this way have its key, and the keyset condition
			// selects only rows with a change time.
			inHistory
				.forEach(record -> waiting.add(new WaitingRecord(Objects.requireNonNull(record.key(run.direction())),
						Objects.requireNonNull(record.changedAt()), record, null)));
		}
		waiting.sort((one, other) -> one.position().compareTo(other.position()));
		List<WaitingRecord> next = waiting.subList(0, Math.min(limit, waiting.size()));
		if (next.isEmpty()) {
			exhausted = true;
			return;
		}
		page.addAll(pipeline.withCurrentState(step.context(), next));
		position = next.get(next.size() - 1).position();
	}

}
