package io.syncbatch.job;

import java.time.Duration;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.metrics.SyncMeters;
import io.syncbatch.run.SyncRun;

/**
 * What the meters take from a run. Spring Batch's own job and step observations get
 * {@code store} and {@code entity} (Batch opens an observation's scope before it calls
 * the listeners, and its timer takes the low-cardinality values when the observation
 * stops), and the end of every run is recorded in {@code syncbatch.runs}, which unlike
 * Batch's timer exists from start-up (see {@link SyncMeters}).
 */
class RunMetrics implements JobExecutionListener, StepExecutionListener {

	private static final String JOB_OBSERVATION = "spring.batch.job";

	private static final String STEP_OBSERVATION = "spring.batch.step";

	private final ObservationRegistry observations;

	private final SyncMeters meters;

	private final EntityJob job;

	RunMetrics(ObservationRegistry observations, SyncMeters meters, EntityJob job) {
		this.observations = observations;
		this.meters = meters;
		this.job = job;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		tag(JOB_OBSERVATION, store(execution));
	}

	@Override
	public void beforeStep(StepExecution execution) {
		tag(STEP_OBSERVATION, store(execution.getJobExecution()));
	}

	@Override
	public void afterJob(JobExecution execution) {
		Duration took = execution.getStartTime() == null || execution.getEndTime() == null ? Duration.ZERO
				: Duration.between(execution.getStartTime(), execution.getEndTime());
		meters.runEnded(store(execution), job, execution.getStatus().name(), took);
	}

	private void tag(String observationName, String store) {
		Observation current = observations.getCurrentObservation();
		if (current != null && observationName.equals(current.getContext().getName())) {
			current.lowCardinalityKeyValue(SyncMeters.STORE, store)
				.lowCardinalityKeyValue(SyncMeters.ENTITY, job.entity())
				.lowCardinalityKeyValue(SyncMeters.DIRECTION, job.direction().label());
		}
	}

	private static String store(JobExecution execution) {
		return String.valueOf(execution.getJobParameters().getString(SyncRun.STORE));
	}

}
