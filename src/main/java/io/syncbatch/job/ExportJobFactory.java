package io.syncbatch.job;

import java.time.Clock;
import java.time.Duration;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ExecutionContextPromotionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import io.micrometer.observation.ObservationRegistry;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.metrics.RunMetrics;
import io.syncbatch.metrics.SyncMeters;
import io.syncbatch.prepare.AdvanceWatermark;
import io.syncbatch.prepare.PrepareReader;
import io.syncbatch.prepare.PrepareWriter;
import io.syncbatch.process.ExportDecision;
import io.syncbatch.process.ExportItem;
import io.syncbatch.process.ExportProcessor;
import io.syncbatch.process.ExportWriter;
import io.syncbatch.process.HeldPassProgress;
import io.syncbatch.process.PreparedRecordReader;
import io.syncbatch.process.ProcessPartitions;
import io.syncbatch.process.StoreReferences;
import io.syncbatch.source.ErpRow;
import io.syncbatch.source.ErpSource;
import io.syncbatch.state.RunLocks;
import io.syncbatch.state.SyncRecordRepository;
import io.syncbatch.state.WatermarkRepository;
import io.syncbatch.target.StoreWrites;

/**
 * Builds an entity's export job from its definition: prepare (ERP → PREPARED sync records), process
 * (PREPARED → store → sync history) and the watermark step. No entity has a job class of its own.
 *
 * <p>Each call builds new readers and writers, so two executions never share item state (see
 * {@link DefinitionJobRegistry}).
 */
@Component
public class ExportJobFactory {

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactions;
    private final ErpSource erp;
    private final SyncRecordRepository records;
    private final WatermarkRepository watermarks;
    private final StoreWrites stores;
    private final ExportParametersValidator parametersValidator;
    private final RunLocks locks;
    private final Clock clock;
    private final Duration watermarkOverlap;
    private final int prepareChunkSize;
    private final int processPartitions;
    private final ObservationRegistry observations;
    private final SyncMeters meters;

    public ExportJobFactory(JobRepository jobRepository, PlatformTransactionManager transactions, ErpSource erp,
            SyncRecordRepository records, WatermarkRepository watermarks, StoreWrites stores,
            ExportParametersValidator parametersValidator, RunLocks locks, Clock clock,
            @Value("${syncbatch.prepare.watermark-overlap:PT1M}") Duration watermarkOverlap,
            @Value("${syncbatch.prepare.chunk-size:1000}") int prepareChunkSize,
            @Value("${syncbatch.process.partitions:1}") int processPartitions,
            ObservationRegistry observations, SyncMeters meters) {
        this.jobRepository = jobRepository;
        this.transactions = transactions;
        this.erp = erp;
        this.records = records;
        this.watermarks = watermarks;
        this.stores = stores;
        this.parametersValidator = parametersValidator;
        this.locks = locks;
        this.clock = clock;
        this.watermarkOverlap = watermarkOverlap;
        this.prepareChunkSize = prepareChunkSize;
        if (processPartitions < 1 || processPartitions > 16) {
            throw new IllegalArgumentException("syncbatch.process.partitions must be between 1 and 16, got "
                    + processPartitions);
        }
        this.processPartitions = processPartitions;
        this.observations = observations;
        this.meters = meters;
    }

    public Job exportJob(EntityDefinition definition) {
        JobBuilder job = new JobBuilder(definition.exportJobName(), jobRepository)
                .validator(parametersValidator.forDefinition(definition))
                .observationRegistry(observations)
                .listener(new RunMetrics(observations, meters, definition.entity()))
                .listener(new RunLog(definition.entity()))
                .listener(new FailureReason())
                .listener(new RunLockListener(definition, locks));
        Step advanceWatermark = step(definition, "-advance-watermark")
                .tasklet(new AdvanceWatermark(definition, watermarks, clock), transactions)
                .build();
        if (!definition.refersToItself()) {
            return job.start(prepareStep(definition))
                    .next(processStep(definition))
                    .next(advanceWatermark)
                    .build();
        }
        // Records that wait for a record of the same entity processed in the same chunk get further passes.
        Step heldPass = processStep(definition, "-process-held", true);
        return job.start(prepareStep(definition))
                .next(processStep(definition))
                .next(heldPass)
                .on(HeldPassProgress.AGAIN).to(heldPass)
                .from(heldPass).on(ExitStatus.COMPLETED.getExitCode()).to(advanceWatermark)
                .from(heldPass).on("*").fail()
                .end()
                .build();
    }

    private Step prepareStep(EntityDefinition definition) {
        PrepareReader reader = new PrepareReader(definition, erp, watermarks, watermarkOverlap, prepareChunkSize);
        PrepareWriter writer = new PrepareWriter(definition, records, clock, meters);
        ExecutionContextPromotionListener promoteWatermark = new ExecutionContextPromotionListener();
        promoteWatermark.setKeys(new String[] { PrepareWriter.MAX_CHANGED_AT });
        // Prepare's chunks are large: its cost per row is a hash and a row of a batched insert, and every chunk
        // also costs a page query, a fingerprint lookup and the job repository's bookkeeping.
        return step(definition, "-prepare")
                .<ErpRow, ErpRow>chunk(prepareChunkSize)
                .transactionManager(transactions)
                .reader(reader)
                .writer(writer)
                .listener(reader)
                .listener(writer)
                .listener(promoteWatermark)
                .build();
    }

    /** The process step, as partitions over slices of the backlog when {@code syncbatch.process.partitions} > 1. */
    private Step processStep(EntityDefinition definition) {
        if (processPartitions == 1) {
            return processStep(definition, "-process", false);
        }
        ProcessPartitions partitions = new ProcessPartitions(processPartitions,
                () -> processStep(definition, "-process", false));
        return step(definition, "-process")
                .partitioner(definition.entity() + "-process", partitions)
                .partitionHandler(partitions)
                .build();
    }

    private Step processStep(EntityDefinition definition, String suffix, boolean heldOnly) {
        PreparedRecordReader reader = new PreparedRecordReader(definition, records, erp, heldOnly);
        ExportWriter writer = new ExportWriter(definition, stores, records, clock, meters);
        StoreReferences references = new StoreReferences(definition, records, erp);
        var step = step(definition, suffix)
                .<ExportItem, ExportDecision>chunk(definition.chunkSize())
                .transactionManager(transactions)
                .reader(reader)
                .processor(new ExportProcessor(definition, references))
                .writer(writer)
                .listener(references)
                .listener(reader)
                .listener(writer);
        if (heldOnly) {
            step.listener(new HeldPassProgress(definition, records));
        }
        return step.build();
    }

    /** Every step is observed, tagged with its store and entity, and logs its end with its counts. */
    private StepBuilder step(EntityDefinition definition, String suffix) {
        StepBuilder step = new StepBuilder(definition.entity() + suffix, jobRepository);
        step.observationRegistry(observations);
        step.listener(new RunMetrics(observations, meters, definition.entity()));
        step.listener(new RunLog(definition.entity()));
        return step;
    }
}
