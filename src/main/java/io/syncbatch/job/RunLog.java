package io.syncbatch.job;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import io.syncbatch.definition.EntityJob;
import io.syncbatch.run.CommittedCounts;
import io.syncbatch.run.SyncRun;

/**
 * What a run writes to the log: its store, entity and job execution id in the logging
 * context (MDC) of every line logged while it runs, and one line at the end of each step
 * and of the job with its counts. The counts are in the message for plain-text logs and
 * also key-value pairs, which a structured console format
 * ({@code logging.structured.format.console=ecs}) turns into fields beside the MDC ones.
 */
class RunLog implements JobExecutionListener, StepExecutionListener {

	static final String JOB_EXECUTION_ID = "jobExecutionId";
	static final String STORE = "store";
	static final String ENTITY = "entity";
	static final String DIRECTION = "direction";

	private static final Logger log = LoggerFactory.getLogger(RunLog.class);

	private final EntityJob job;

	RunLog(EntityJob job) {
		this.job = job;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		MDC.put(JOB_EXECUTION_ID, String.valueOf(execution.getId()));
		MDC.put(STORE, String.valueOf(execution.getJobParameters().getString(SyncRun.STORE)));
		MDC.put(ENTITY, job.entity());
		MDC.put(DIRECTION, job.direction().label());
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution step) {
		StringBuilder message = new StringBuilder(String.format(Locale.ROOT, "Step %s ended %s in %.3f s:",
				step.getStepName(), step.getStatus(), seconds(step.getStartTime(), step.getEndTime())));
		LoggingEventBuilder event = log.atInfo()
			.addKeyValue("runEvent", "step.end")
			.addKeyValue("step", step.getStepName())
			.addKeyValue("status", step.getStatus().name());
		add(message, event, "read", step.getReadCount());
		add(message, event, "written", step.getWriteCount());
		add(message, event, "commits", step.getCommitCount());
		add(message, event, "rollbacks", step.getRollbackCount());
		for (Map.Entry<String, Long> tally : CommittedCounts.all(step).entrySet()) {
			add(message, event, tally.getKey().toLowerCase(Locale.ROOT), tally.getValue());
		}
		event.setMessage(message.toString()).log();
		return null;
	}

	@Override
	public void afterJob(JobExecution execution) {
		try {
			RunSummary run = RunSummary.of(execution);
			StringBuilder message = new StringBuilder(
					String.format(Locale.ROOT, "Job %s execution %d ended %s in %.3f s:", run.jobName(),
							run.executionId(), run.status(), run.took().toMillis() / 1000.0));
			LoggingEventBuilder event = log.atInfo()
				.addKeyValue("runEvent", "job.end")
				.addKeyValue("job", run.jobName())
				.addKeyValue("status", run.status());
			add(message, event, "read", run.read());
			add(message, event, "prepared", run.prepared());
			add(message, event, "processed", run.processed());
			add(message, event, "inserted", run.inserted());
			add(message, event, "updated", run.updated());
			add(message, event, "filtered", run.filtered());
			add(message, event, "failed", run.failed());
			add(message, event, "held", run.held());
			add(message, event, "deleted", run.deleted());
			event.setMessage(message.toString()).log();
		}
		finally {
			MDC.remove(JOB_EXECUTION_ID);
			MDC.remove(STORE);
			MDC.remove(ENTITY);
			MDC.remove(DIRECTION);
		}
	}

	private static void add(StringBuilder message, LoggingEventBuilder event, String name, long value) {
		message.append(' ').append(name).append('=').append(value);
		event.addKeyValue(name, value);
	}

	private static double seconds(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
		return start == null || end == null ? 0 : Duration.between(start, end).toMillis() / 1000.0;
	}

}
