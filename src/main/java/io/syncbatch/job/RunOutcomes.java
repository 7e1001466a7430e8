package io.syncbatch.job;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import io.syncbatch.definition.EntityJob;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.run.SyncRun;

/**
 * A restart finishes a run that earlier executions began, and its summary is the run's:
 * the step tallies it carries over count attempts (a FAILED record retried by the restart
 * counts twice) and miss the last chunk a killed process committed. So when an execution
 * that is not its run's first ends, what the run did is read from the history (the
 * records whose last attempt was one of the run's executions) and kept in the job's
 * execution context, where {@link RunSummary} takes it instead of the tallies. A first
 * execution's tallies already are its history, and reading them is free.
 */
class RunOutcomes implements JobExecutionListener {

	static final String PREFIX = "outcome.";

	private final EntityJob job;

	private final JobRepository repository;

	private final SyncRecordRepository records;

	RunOutcomes(EntityJob job, JobRepository repository, SyncRecordRepository records) {
		this.job = job;
		this.repository = repository;
		this.records = records;
	}

	@Override
	public void afterJob(JobExecution execution) {
		List<Long> run = repository.getJobExecutions(execution.getJobInstance())
			.stream()
			.map(JobExecution::getId)
			.toList();
		String store = execution.getJobParameters().getString(SyncRun.STORE);
		if (run.size() < 2 || store == null) {
			return;
		}
		Map<String, Long> tallies = new TreeMap<>();
		for (SyncRecordRepository.Outcome outcome : records.outcomesOf(store, job.entity(), run)) {
			tallies.merge(tally(outcome), outcome.count(), Long::sum);
		}
		ExecutionContext context = execution.getExecutionContext();
		context.putString(PREFIX + "of", "history");
		tallies.forEach((name, count) -> context.putLong(PREFIX + name, count));
		repository.updateExecutionContext(execution);
	}

	/** The tally each status counts in, as the process step names them. */
	private static String tally(SyncRecordRepository.Outcome outcome) {
		LastOperation operation = outcome.operation();
		if (outcome.status() == SyncStatus.PROCESSED && operation != null) {
			return operation.name();
		}
		// A record that used up its attempts failed in this run.
		return outcome.status() == SyncStatus.ABORTED ? SyncStatus.FAILED.name() : outcome.status().name();
	}

	static boolean presentIn(JobExecution execution) {
		return execution.getExecutionContext().containsKey(PREFIX + "of");
	}

	static long read(JobExecution execution, String tally) {
		return execution.getExecutionContext().getLong(PREFIX + tally, 0L);
	}

}
