package io.syncbatch.prepare;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.metrics.SyncMeters;
import io.syncbatch.run.CommittedCounts;
import io.syncbatch.run.SyncRun;
import io.syncbatch.source.ErpRow;
import io.syncbatch.state.SyncRecordRepository;

/**
 * Marks new and changed records PREPARED. Change detection compares the row's fingerprint with the one last
 * prepared, one query per chunk, so unchanged rows cost a read and nothing else; the rest are written in one
 * statement per chunk. A selective run (batch
 * filters, chosen ids) prepares every row it selects: the operator asked for exactly those to be synced now.
 */
public class PrepareWriter implements ItemStreamWriter<ErpRow>, StepExecutionListener {

    public static final String MAX_CHANGED_AT = "prepare.max-changed-at";

    private final EntityDefinition definition;
    private final SyncRecordRepository records;
    private final Clock clock;
    private final SyncMeters meters;
    private SyncRun run;
    private CommittedCounts counts;
    private LocalDateTime maxChangedAt;

    public PrepareWriter(EntityDefinition definition, SyncRecordRepository records, Clock clock, SyncMeters meters) {
        this.definition = definition;
        this.records = records;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        run = SyncRun.of(definition, stepExecution);
        counts = new CommittedCounts(stepExecution, meters.records(run.store(), run.entity()));
    }

    @Override
    public void open(ExecutionContext context) {
        if (context.containsKey(MAX_CHANGED_AT)) {
            maxChangedAt = LocalDateTime.parse(context.getString(MAX_CHANGED_AT));
        }
    }

    @Override
    public void write(Chunk<? extends ErpRow> chunk) {
        List<? extends ErpRow> rows = chunk.getItems();
        Map<String, String> known = records.hashesOf(run.store(), run.entity(),
                rows.stream().map(ErpRow::key).toList());
        List<ErpRow> toPrepare = new ArrayList<>();
        for (ErpRow row : rows) {
            String hash = known.get(row.key());
            if (hash == null || run.selective() || !hash.equals(row.hash())) {
                toPrepare.add(row);
            }
            if (row.changedAt() != null && (maxChangedAt == null || row.changedAt().isAfter(maxChangedAt))) {
                maxChangedAt = row.changedAt();
            }
        }
        if (!toPrepare.isEmpty()) {
            records.prepare(run.store(), run.entity(), toPrepare, clock.instant(), run.jobExecutionId(),
                    run.jobInstanceId());
        }
        counts.addOnCommit(CommittedCounts.PREPARED, toPrepare.size());
        counts.addOnCommit(CommittedCounts.UNCHANGED, rows.size() - toPrepare.size());
    }

    @Override
    public void update(ExecutionContext context) {
        if (maxChangedAt != null) {
            context.putString(MAX_CHANGED_AT, maxChangedAt.toString());
        }
    }
}
