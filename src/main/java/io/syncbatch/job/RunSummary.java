package io.syncbatch.job;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import io.syncbatch.pipeline.Tally;
import io.syncbatch.run.CommittedCounts;
import io.syncbatch.run.SyncRun;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncStatus;

/**
 * The counts an operator wants after a run, read from the job repository: the steps'
 * committed tallies, or for a restart what the whole run left in the history
 * ({@link RunOutcomes}).
 */
public record RunSummary(String jobName, long executionId, String status, String exitDescription, Duration took,
		String store, String selection, long read, long prepared, long inserted, long updated, long inSync,
		long conflicts, long filtered, long failed, long held, long deleted) {

	public static RunSummary of(JobExecution execution) {
		long read = 0;
		long prepared = 0;
		long inserted = 0;
		long updated = 0;
		long inSync = 0;
		long conflicts = 0;
		long filtered = 0;
		long failed = 0;
		long deleted = 0;
		StepExecution lastProcessPass = null;
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStepName().contains("-process")
					&& (lastProcessPass == null || step.getId() > lastProcessPass.getId())) {
				lastProcessPass = step;
			}
			if (step.getStepName().endsWith("-prepare")) {
				read += step.getReadCount();
				prepared += CommittedCounts.read(step, Tally.PREPARED);
			}
			if (step.getStepName().endsWith(SyncJobFactory.FIND_DELETED)) {
				prepared += CommittedCounts.read(step, Tally.PREPARED);
			}
			inserted += CommittedCounts.read(step, LastOperation.INSERTED_EXTERNALLY.name())
					+ CommittedCounts.read(step, LastOperation.INSERTED_LOCALLY.name());
			updated += CommittedCounts.read(step, LastOperation.UPDATED_EXTERNALLY.name())
					+ CommittedCounts.read(step, LastOperation.UPDATED_LOCALLY.name());
			inSync += CommittedCounts.read(step, Tally.IN_SYNC);
			conflicts += CommittedCounts.read(step, Tally.CONFLICTS);
			filtered += CommittedCounts.read(step, SyncStatus.FILTERED.name());
			failed += CommittedCounts.read(step, SyncStatus.FAILED.name());
			deleted += CommittedCounts.read(step, SyncStatus.DELETED.name());
		}
		// Every pass reads all HELD records again, so what the last one held is what is
		// still waiting; a pass run as partitions ("customer-process:partition1") held
		// what all its partitions held.
		long held = 0;
		if (lastProcessPass != null) {
			String name = lastProcessPass.getStepName();
			String partitionsOf = name.contains(":") ? name.substring(0, name.indexOf(':') + 1) : null;
			for (StepExecution step : execution.getStepExecutions()) {
				if (step == lastProcessPass || partitionsOf != null && step.getStepName().startsWith(partitionsOf)) {
					held += CommittedCounts.read(step, SyncStatus.HELD.name());
				}
			}
		}
		if (RunOutcomes.presentIn(execution)) {
			inserted = RunOutcomes.read(execution, LastOperation.INSERTED_EXTERNALLY.name())
					+ RunOutcomes.read(execution, LastOperation.INSERTED_LOCALLY.name());
			updated = RunOutcomes.read(execution, LastOperation.UPDATED_EXTERNALLY.name())
					+ RunOutcomes.read(execution, LastOperation.UPDATED_LOCALLY.name());
			filtered = RunOutcomes.read(execution, SyncStatus.FILTERED.name());
			failed = RunOutcomes.read(execution, SyncStatus.FAILED.name());
			held = RunOutcomes.read(execution, SyncStatus.HELD.name());
			deleted = RunOutcomes.read(execution, SyncStatus.DELETED.name());
		}
		Duration took = execution.getStartTime() == null || execution.getEndTime() == null ? Duration.ZERO
				: Duration.between(execution.getStartTime(), execution.getEndTime());
		var parameters = execution.getJobParameters();
		return new RunSummary(execution.getJobInstance().getJobName(), execution.getId(), execution.getStatus().name(),
				execution.getExitStatus().getExitDescription(), took, parameters.getString(SyncRun.STORE),
				selection(parameters), read, prepared, inserted, updated, inSync, conflicts, filtered, failed, held,
				deleted);
	}

	/**
	 * "mode incremental", or the batch filters and query parameters a run was launched
	 * with.
	 */
	private static String selection(JobParameters parameters) {
		String chosen = parameters.parameters()
			.stream()
			.filter(p -> !Set.of(SyncRun.STORE, SyncRun.MODE, SyncRun.LAUNCHED_AT).contains(p.name()))
			.map(p -> p.name() + "=" + p.value())
			.sorted()
			.collect(Collectors.joining(" "));
		String mode = "mode " + parameters.getString(SyncRun.MODE, "incremental");
		return chosen.isEmpty() ? mode : chosen;
	}

	public boolean completed() {
		return "COMPLETED".equals(status);
	}

	public long processed() {
		return inserted + updated;
	}

	/** What the CLI prints, one fact per line so schedulers' logs stay greppable. */
	public String render() {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "%s execution %d %s in %.1f s (store %s, %s)%n", jobName, executionId,
				status, took.toMillis() / 1000.0, store, selection));
		text.append(String.format(Locale.ROOT, "  read       %d %s%n", read,
				jobName.endsWith("-" + SyncDirection.IMPORT.label()) ? "store records" : "ERP rows"));
		text.append(String.format(Locale.ROOT, "  prepared   %d%n", prepared));
		text.append(String.format(Locale.ROOT, "  processed  %d (inserted %d, updated %d)%n", processed(), inserted,
				updated));
		if (inSync > 0) {
			text.append(String.format(Locale.ROOT, "  in sync    %d (the other side already had them)%n", inSync));
		}
		if (conflicts > 0) {
			text.append(String.format(Locale.ROOT,
					"  conflicts  %d (both sides changed; the primary system's version won, see the history)%n",
					conflicts));
		}
		text.append(String.format(Locale.ROOT, "  filtered   %d%n", filtered));
		text.append(String.format(Locale.ROOT, "  failed     %d%n", failed));
		if (held > 0) {
			text.append(String.format(Locale.ROOT, "  held       %d (waiting for records of other entities)%n", held));
		}
		if (deleted > 0) {
			text.append(String.format(Locale.ROOT, "  deleted    %d%n", deleted));
		}
		return text.toString();
	}
}
