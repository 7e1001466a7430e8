package io.syncbatch.ops;

import java.time.ZoneId;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.config.SyncbatchProperties.Schedule;
import io.syncbatch.definition.DefinitionException;
import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.SyncMode;
import io.syncbatch.job.RunSummary;
import io.syncbatch.job.SyncJobs;
import io.syncbatch.history.RunRefusedException;

/**
 * The cron schedules of {@code serve}. A trigger that finds its store/entity still being
 * synced is skipped, not queued, and a cron trigger computes its next time from now, so
 * the times missed while the service was down or busy are not run in a burst afterwards:
 * the next run's incremental prepare catches up anyway.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableScheduling
class Schedules implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(Schedules.class);

	private final List<Schedule> schedules;

	private final SyncJobs jobs;

	private final Definitions definitions;

	Schedules(SyncbatchProperties properties, SyncJobs jobs, Definitions definitions) {
		this.schedules = properties.schedules();
		this.jobs = jobs;
		this.definitions = definitions;
		for (int i = 0; i < schedules.size(); i++) {
			check(i, schedules.get(i));
		}
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		for (Schedule schedule : schedules) {
			ZoneId zone = schedule.zone() == null ? ZoneId.systemDefault() : ZoneId.of(schedule.zone());
			registrar.addTriggerTask(() -> launch(schedule), new CronTrigger(schedule.cron(), zone));
		}
	}

	void launch(Schedule schedule) {
		try {
			RunSummary run = RunSummary.of(jobs.launch(schedule.job(), schedule.parameters()));
			log.info("Scheduled {} ended {}", schedule.job(), run.render().strip());
		}
		catch (RunRefusedException busy) {
			log.info("Scheduled {} skipped: {}", schedule.job(), busy.getMessage());
		}
		catch (Exception e) {
			log.warn("Scheduled {} could not be launched: {}", schedule.job(), e.getMessage());
		}
	}

	/** A schedule that could never run stops start-up, naming it. */
	private void check(int index, Schedule schedule) {
		String at = "syncbatch.schedules[" + index + "]";
		if (schedule.job() == null || !jobs.jobNames().contains(schedule.job())) {
			throw new DefinitionException(at + ".job: '" + schedule.job() + "' is not a job; jobs: " + jobs.jobNames());
		}
		EntityDefinition definition = definitions.requireJob(schedule.job()).definition();
		if (!definition.syncs(SyncMode.SCHEDULED)) {
			throw new DefinitionException(at + ".job: " + schedule.job() + " is not scheduled: " + definition.origin()
					+ " says sync-modes " + definition.syncModes());
		}
		try {
			CronExpression.parse(schedule.cron() == null ? "" : schedule.cron());
			if (schedule.zone() != null) {
				ZoneId.of(schedule.zone());
			}
		}
		catch (RuntimeException e) {
			throw new DefinitionException(at + ": " + e.getMessage());
		}
	}

}
