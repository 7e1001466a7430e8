package io.syncbatch.process;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemReader;

import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.run.SyncRun;
import io.syncbatch.source.ErpRow;
import io.syncbatch.source.ErpSource;
import io.syncbatch.state.BacklogSlice;
import io.syncbatch.state.SyncRecord;
import io.syncbatch.state.SyncRecordRepository;
import io.syncbatch.state.SyncRecordRepository.BacklogPosition;

/**
 * Reads the backlog page by page, oldest ERP change first, and joins each page with the current ERP rows. It saves no
 * position: the sync records' statuses are the checkpoint, so a restart simply reads what is still waiting.
 * Within a run the key only moves forward, so a record that fails is not read again by the same run. A process
 * partition reads only its slice of the backlog ({@link BacklogSlice}).
 */
public class PreparedRecordReader implements ItemReader<ExportItem>, StepExecutionListener {

    private final EntityDefinition definition;
    private final SyncRecordRepository records;
    private final ErpSource erp;
    private final boolean heldOnly;
    private final Deque<ExportItem> page = new ArrayDeque<>();
    private SyncRun run;
    private BacklogSlice slice;
    private BacklogPosition position = BacklogPosition.START;
    private boolean exhausted;

    /** @param heldOnly read only HELD records: the held pass of an entity whose records refer to each other */
    public PreparedRecordReader(EntityDefinition definition, SyncRecordRepository records, ErpSource erp,
            boolean heldOnly) {
        this.definition = definition;
        this.heldOnly = heldOnly;
        this.records = records;
        this.erp = erp;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        run = SyncRun.of(definition, stepExecution);
        slice = BacklogSlice.of(stepExecution.getExecutionContext());
        // A held pass can run several times in one job execution with this same reader.
        page.clear();
        position = BacklogPosition.START;
        exhausted = false;
    }

    @Override
    public ExportItem read() {
        if (page.isEmpty() && !exhausted) {
            fill();
        }
        return page.poll();
    }

    private void fill() {
        List<SyncRecord> backlog = heldOnly
                ? records.held(run.store(), run.entity(), position, definition.chunkSize())
                : run.selective()
                        ? records.preparedBy(run.store(), run.entity(), run.jobInstanceId(), slice, position,
                                definition.chunkSize())
                        : records.backlog(run.store(), run.entity(), slice, position, definition.chunkSize(),
                                definition.maxAttempts());
        if (backlog.isEmpty()) {
            exhausted = true;
            return;
        }
        Map<String, ErpRow> rows = erp.rowsByKey(definition, backlog.stream().map(SyncRecord::erpId).toList(),
                run.queryParameters());
        backlog.forEach(record -> page.add(new ExportItem(record, rows.get(record.erpId()))));
        position = BacklogPosition.after(backlog.get(backlog.size() - 1));
    }
}
