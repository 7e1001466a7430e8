package io.syncbatch.prepare;

import java.time.Duration;
import java.time.LocalDateTime;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.syncbatch.erp.ErpPageReader;
import io.syncbatch.erp.ErpSource;
import io.syncbatch.history.WatermarkRepository;
import io.syncbatch.record.SourceRecord;
import io.syncbatch.run.PrepareMode;
import io.syncbatch.run.StepRun;
import io.syncbatch.run.SyncRun;

/**
 * Reads the ERP rows that may need syncing. The lower bound is fixed when the step first
 * opens and kept in the step's execution context, so a restart reads the same range from
 * its last committed key onwards.
 */
public class PrepareReader implements ItemStreamReader<SourceRecord> {

	static final String SINCE = "prepare.since";

	private final StepRun step;

	private final ErpSource erp;

	private final WatermarkRepository watermarks;

	private final Duration overlap;

	private final int pageSize;

	private @Nullable ErpPageReader rows;

	/**
	 * @param pageSize rows a keyset page reads; the prepare chunk size, so a chunk is one
	 * query
	 */
	public PrepareReader(StepRun step, ErpSource erp, WatermarkRepository watermarks, Duration overlap, int pageSize) {
		this.step = step;
		this.erp = erp;
		this.watermarks = watermarks;
		this.overlap = overlap;
		this.pageSize = pageSize;
	}

	@Override
	public void open(ExecutionContext context) {
		SyncRun run = step.run();
		String since = since(context, run, watermarks, overlap);
		rows = erp.changedRows(run.job().definition(), since.isEmpty() ? null : LocalDateTime.parse(since),
				run.queryParameters(), run.filters(), pageSize);
		rows.open(context);
	}

	/**
	 * The lower bound of a prepare's read, fixed when its step first opens and kept in
	 * the step's execution context, empty for every record: a full or selective run reads
	 * everything. Records committed shortly after others may carry an earlier change
	 * time; reading a little before the watermark catches them, and unchanged
	 * fingerprints keep the re-read records from being prepared again.
	 */
	static String since(ExecutionContext context, SyncRun run, WatermarkRepository watermarks, Duration overlap) {
		if (!context.containsKey(SINCE)) {
			LocalDateTime since = run.mode() == PrepareMode.FULL || run.selective() ? null
					: watermarks.changedSince(run.store(), run.entity(), run.direction())
						.map(at -> at.minus(overlap))
						.orElse(null);
			context.putString(SINCE, since == null ? "" : since.toString());
		}
		return context.getString(SINCE);
	}

	@Override
	public @Nullable SourceRecord read() {
		return reader().read();
	}

	@Override
	public void update(ExecutionContext context) {
		reader().update(context);
	}

	private ErpPageReader reader() {
		if (rows == null) {
			throw new IllegalStateException("the prepare reader was not opened");
		}
		return rows;
	}

	@Override
	public void close() {
		if (rows != null) {
			rows.close();
		}
	}

}
