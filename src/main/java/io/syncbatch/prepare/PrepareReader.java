package io.syncbatch.prepare;

import java.time.Duration;
import java.time.LocalDateTime;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.run.PrepareMode;
import io.syncbatch.run.SyncRun;
import io.syncbatch.source.ErpPageReader;
import io.syncbatch.source.ErpRow;
import io.syncbatch.source.ErpSource;
import io.syncbatch.state.WatermarkRepository;

/**
 * Reads the ERP rows that may need syncing. The lower bound is fixed when the step first opens and kept in
 * the step's execution context, so a restart reads the same range from its last committed key onwards.
 */
public class PrepareReader implements ItemStreamReader<ErpRow>, StepExecutionListener {

    static final String SINCE = "prepare.since";

    private final EntityDefinition definition;
    private final ErpSource erp;
    private final WatermarkRepository watermarks;
    private final Duration overlap;
    private final int pageSize;
    private SyncRun run;
    private ErpPageReader rows;

    /** @param pageSize rows a keyset page reads; the prepare chunk size, so a chunk is one query */
    public PrepareReader(EntityDefinition definition, ErpSource erp, WatermarkRepository watermarks,
            Duration overlap, int pageSize) {
        this.definition = definition;
        this.erp = erp;
        this.watermarks = watermarks;
        this.overlap = overlap;
        this.pageSize = pageSize;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        run = SyncRun.of(definition, stepExecution);
    }

    @Override
    public void open(ExecutionContext context) {
        if (!context.containsKey(SINCE)) {
            LocalDateTime since = since();
            context.putString(SINCE, since == null ? "" : since.toString());
        }
        String since = context.getString(SINCE);
        rows = erp.changedRows(definition, since.isEmpty() ? null : LocalDateTime.parse(since),
                run.queryParameters(), run.filters(), pageSize);
        rows.open(context);
    }

    /**
     * Rows committed in the ERP shortly after others may carry an earlier change time; reading a little before
     * the watermark catches them, and unchanged fingerprints keep the re-read rows from being prepared again.
     */
    private LocalDateTime since() {
        if (run.mode() == PrepareMode.FULL || run.selective()) {
            return null;
        }
        return watermarks.changedSince(run.store(), run.entity()).map(at -> at.minus(overlap)).orElse(null);
    }

    @Override
    public ErpRow read() {
        return rows.read();
    }

    @Override
    public void update(ExecutionContext context) {
        rows.update(context);
    }

    @Override
    public void close() {
        if (rows != null) {
            rows.close();
        }
    }
}
