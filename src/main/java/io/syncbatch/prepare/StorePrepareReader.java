package io.syncbatch.prepare;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.syncbatch.definition.BatchFilter;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.history.WatermarkRepository;
import io.syncbatch.record.SourceRecord;
import io.syncbatch.run.StepRun;
import io.syncbatch.run.SyncRun;
import io.syncbatch.storeread.StorePage;
import io.syncbatch.storeread.StoreSource;

/**
 * Reads the store records an import may need, a page at a time, oldest change first:
 * those changed since the import's watermark (less the overlap, for store clocks and
 * writes that landed late), every record in a full run, the chosen store ids, or those
 * the store changed between a run's {@code modifiedFrom} and {@code modifiedTo}.
 *
 * <p>
 * The lower bound is fixed when the step first opens, and the cursor of the page being
 * read is kept in the step's execution context at every commit: a restart reads that page
 * again from its start. Records read twice are harmless, as a fingerprint that has not
 * changed prepares nothing.
 */
public class StorePrepareReader implements ItemStreamReader<SourceRecord> {

	static final String PAGE = "prepare.store-page";

	private final StepRun step;

	private final StoreSource store;

	private final WatermarkRepository watermarks;

	private final Duration overlap;

	private final int pageSize;

	private final Deque<SourceRecord> page = new ArrayDeque<>();

	private @Nullable LocalDateTime since;

	/** The last modification time a selective run reads, or null for all. */
	private @Nullable LocalDateTime until;

	/** The cursor of the page being read; empty for the first. */
	private String pageCursor = "";

	private @Nullable String next;

	private boolean exhausted;

	public StorePrepareReader(StepRun step, StoreSource store, WatermarkRepository watermarks, Duration overlap,
			int pageSize) {
		this.step = step;
		this.store = store;
		this.watermarks = watermarks;
		this.overlap = overlap;
		this.pageSize = pageSize;
	}

	@Override
	public void open(ExecutionContext context) {
		SyncRun run = step.run();
		String from = PrepareReader.since(context, run, watermarks, overlap);
		LocalDateTime modifiedFrom = (LocalDateTime) filterValue(run, EntityDefinition.MODIFIED_FROM);
		since = modifiedFrom != null ? modifiedFrom : from.isEmpty() ? null : LocalDateTime.parse(from);
		until = (LocalDateTime) filterValue(run, EntityDefinition.MODIFIED_TO);
		pageCursor = context.containsKey(PAGE) ? context.getString(PAGE) : "";
		next = pageCursor;
		page.clear();
		exhausted = false;
		Collection<?> chosen = chosenIds(run);
		if (chosen != null) {
			page.addAll(store.byKeys(run.job().definition(), run.store(), chosen.stream().map(String::valueOf).toList())
				.values());
			exhausted = true;
		}
	}

	private static @Nullable Collection<?> chosenIds(SyncRun run) {
		Object ids = filterValue(run, BatchFilter.IDS);
		return ids == null ? null : ids instanceof Collection<?> several ? several : List.of(ids);
	}

	private static @Nullable Object filterValue(SyncRun run, String parameter) {
		return run.filters()
			.entrySet()
			.stream()
			.filter(filter -> filter.getKey().parameter().equals(parameter))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	@Override
	public @Nullable SourceRecord read() {
		SourceRecord next = nextRead();
		if (next != null && until != null && next.changedAt() != null && next.changedAt().isAfter(until)) {
			// Oldest change first: every record after this one changed later still.
			page.clear();
			exhausted = true;
			return null;
		}
		return next;
	}

	private @Nullable SourceRecord nextRead() {
		while (page.isEmpty() && !exhausted) {
			String cursor = next;
			StorePage read = store.changed(step.run().job().definition(), step.run().store(), since,
					cursor == null || cursor.isEmpty() ? null : cursor, pageSize);
			pageCursor = cursor == null ? "" : cursor;
			page.addAll(read.records());
			next = read.next();
			exhausted = next == null;
		}
		return page.poll();
	}

	@Override
	public void update(ExecutionContext context) {
		// The page now being read: a restart reads it again. Once every record of it is
		// read, the next one.
		context.putString(PAGE, page.isEmpty() && next != null ? next : pageCursor);
	}

}
