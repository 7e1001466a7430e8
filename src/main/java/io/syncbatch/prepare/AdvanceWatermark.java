package io.syncbatch.prepare;

import java.time.Clock;
import java.time.LocalDateTime;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.run.SyncRun;
import io.syncbatch.state.WatermarkRepository;

/**
 * The job's last step: only a run that got this far moves the watermark, so changes made in the ERP while a
 * run was failing are read again by its restart or by the next run. A selective run saw only part of the ERP,
 * so it never moves it.
 */
public class AdvanceWatermark implements Tasklet {

    private final EntityDefinition definition;
    private final WatermarkRepository watermarks;
    private final Clock clock;

    public AdvanceWatermark(EntityDefinition definition, WatermarkRepository watermarks, Clock clock) {
        this.definition = definition;
        this.watermarks = watermarks;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        var step = chunkContext.getStepContext().getStepExecution();
        var jobContext = step.getJobExecution().getExecutionContext();
        SyncRun run = SyncRun.of(definition, step);
        if (jobContext.containsKey(PrepareWriter.MAX_CHANGED_AT) && !run.selective()) {
            watermarks.advance(run.store(), run.entity(),
                    LocalDateTime.parse(jobContext.getString(PrepareWriter.MAX_CHANGED_AT)), run.jobExecutionId(),
                    clock.instant());
        }
        return RepeatStatus.FINISHED;
    }
}
