package io.syncbatch.process;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.metrics.SyncMeters;
import io.syncbatch.run.CommittedCounts;
import io.syncbatch.run.SyncRun;
import io.syncbatch.state.SyncOutcome;
import io.syncbatch.state.SyncRecordRepository;
import io.syncbatch.state.SyncStatus;
import io.syncbatch.target.StoreWrites;
import io.syncbatch.target.WriteResult;

/**
 * Sends the chunk's mapped records to the store, then writes every outcome to the sync history in the chunk's
 * transaction. If the process dies after the store accepted a batch but before this transaction commits, the
 * records are still PREPARED without an external id; the connector's natural-key lookup then finds the
 * customers the store already has and updates them instead of creating them twice.
 */
public class ExportWriter implements ItemWriter<ExportDecision>, StepExecutionListener {

    private final EntityDefinition definition;
    private final StoreWrites stores;
    private final SyncRecordRepository records;
    private final Clock clock;
    private final SyncMeters meters;
    private SyncRun run;
    private CommittedCounts counts;

    public ExportWriter(EntityDefinition definition, StoreWrites stores, SyncRecordRepository records, Clock clock,
            SyncMeters meters) {
        this.definition = definition;
        this.stores = stores;
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
    public void write(Chunk<? extends ExportDecision> chunk) {
        List<SyncOutcome> outcomes = new ArrayList<>();
        List<ExportDecision> toSend = new ArrayList<>();
        for (ExportDecision decision : chunk.getItems()) {
            if (decision.needsStore()) {
                toSend.add(decision);
            }
            else {
                outcomes.add(decision.outcome());
            }
        }
        if (!toSend.isEmpty()) {
            List<WriteResult> results = stores.upsert(run.store(), definition.target(),
                    toSend.stream().map(ExportDecision::toTargetRecord).toList());
            Map<String, WriteResult> byErpId = results.stream()
                    .collect(Collectors.toMap(WriteResult::erpId, Function.identity()));
            for (ExportDecision decision : toSend) {
                outcomes.add(outcome(decision, byErpId.get(decision.item().record().erpId())));
            }
        }
        records.saveOutcomes(run.store(), run.entity(), outcomes, definition.maxAttempts(), clock.instant(),
                run.jobExecutionId());
        countOnCommit(outcomes);
    }

    private static SyncOutcome outcome(ExportDecision decision, WriteResult result) {
        var row = decision.item().row();
        if (result == null) {
            return SyncOutcome.failed(row.key(), row.description(), row.hash(),
                    "the store connector returned no result for this record");
        }
        return result.succeeded()
                ? SyncOutcome.processed(row.key(), row.description(), row.hash(), result.externalId(),
                        result.operation())
                : SyncOutcome.failed(row.key(), row.description(), row.hash(), result.error());
    }

    private void countOnCommit(List<SyncOutcome> outcomes) {
        Map<String, Long> tally = outcomes.stream().collect(Collectors.groupingBy(
                outcome -> outcome.status() == SyncStatus.PROCESSED ? outcome.lastOperation().name()
                        : outcome.status().name(),
                Collectors.counting()));
        tally.forEach(counts::addOnCommit);
    }
}
