package io.syncbatch.prepare;

import java.time.Clock;
import java.time.LocalDateTime;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import io.syncbatch.run.StepRun;
import io.syncbatch.run.SyncRun;
import io.syncbatch.history.WatermarkRepository;

/**
 * The job's last step: only a run that got this far moves the watermark, so changes made
 * in the ERP while a run was failing are read again by its restart or by the next run. A
 * selective run saw only part of the ERP, so it never moves it.
 */
public class AdvanceWatermark implements Tasklet {

	private final StepRun stepRun;

	private final WatermarkRepository watermarks;

	private final Clock clock;

	public AdvanceWatermark(StepRun run, WatermarkRepository watermarks, Clock clock) {
		this.stepRun = run;
		this.watermarks = watermarks;
		this.clock = clock;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		var jobContext = stepRun.step().getJobExecution().getExecutionContext();
		SyncRun run = stepRun.run();
		if (jobContext.containsKey(PrepareWriter.MAX_CHANGED_AT) && !run.selective()) {
			watermarks.advance(run.store(), run.entity(), run.direction(),
					LocalDateTime.parse(jobContext.getString(PrepareWriter.MAX_CHANGED_AT)), run.jobExecutionId(),
					clock.instant());
		}
		return RepeatStatus.FINISHED;
	}

}
