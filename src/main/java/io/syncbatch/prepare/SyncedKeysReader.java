package io.syncbatch.prepare;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.syncbatch.definition.BatchFilter;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.run.PrepareMode;
import io.syncbatch.run.StepRun;
import io.syncbatch.run.SyncRun;

/**
 * The keys of the records a deletion sweep asks the ERP about: after a full prepare,
 * every record of the scope not recorded DELETED, in key order; in a run of chosen ids,
 * those of them the history has. An incremental run, or a selective one without ids, has
 * seen only part of the ERP and sweeps nothing. The last key read is kept in the step's
 * execution context, so a restart carries on after the last committed chunk.
 */
public class SyncedKeysReader implements ItemStreamReader<String> {

	static final String AFTER = "find-deleted.after";

	private final StepRun step;

	private final SyncRecordRepository records;

	private final int pageSize;

	private final Deque<String> page = new ArrayDeque<>();

	private @Nullable List<String> chosen;

	private String after = "";

	private boolean exhausted;

	public SyncedKeysReader(StepRun step, SyncRecordRepository records, int pageSize) {
		this.step = step;
		this.records = records;
		this.pageSize = pageSize;
	}

	@Override
	public void open(ExecutionContext context) {
		SyncRun run = step.run();
		after = context.containsKey(AFTER) ? context.getString(AFTER) : "";
		Object ids = run.filters()
			.entrySet()
			.stream()
			.filter(filter -> filter.getKey().parameter().equals(BatchFilter.IDS))
			.map(filter -> filter.getValue())
			.findFirst()
			.orElse(null);
		if (ids instanceof Collection<?> given) {
			chosen = records
				.byKeys(run.store(), run.entity(), run.direction(), given.stream().map(String::valueOf).toList())
				.values()
				.stream()
				.filter(record -> record.status() != SyncStatus.DELETED)
				.map(record -> record.key(run.direction()))
				.filter(Objects::nonNull)
				.sorted()
				.toList();
		}
		exhausted = chosen == null && (run.selective() || run.mode() != PrepareMode.FULL);
	}

	@Override
	public @Nullable String read() {
		if (page.isEmpty() && !exhausted) {
			List<String> next = chosen != null
					? chosen.stream().filter(key -> key.compareTo(after) > 0).limit(pageSize).toList()
					: records.notDeletedAfter(step.run().store(), step.run().entity(), step.run().direction(), after,
							pageSize);
			page.addAll(next);
			exhausted = next.size() < pageSize;
		}
		String key = page.poll();
		if (key != null) {
			after = key;
		}
		return key;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putString(AFTER, after);
	}

}
