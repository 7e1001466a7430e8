package io.syncbatch.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;

import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.pipeline.Tally;
import io.syncbatch.run.CommittedCounts;

/**
 * Where one job execution has got to, as a line for an operator: the records its prepare
 * step has read and prepared, or those its process steps have done out of the backlog
 * they started with, the rate, and how long the rest should take when the total is known.
 * It reads the committed tallies of the execution's steps (their execution contexts), the
 * same counts the run summary prints at the end, so the last line and the summary agree.
 */
final class ProgressReport {

	private final String jobName;

	private final long executionId;

	private final List<StepExecution> steps = new CopyOnWriteArrayList<>();

	private @Nullable Phase phase;

	private @Nullable Instant phaseStart;

	private @Nullable Long backlog;

	ProgressReport(String jobName, long executionId) {
		this.jobName = jobName;
		this.executionId = executionId;
	}

	/**
	 * A step began; a process step's first one says how many records wait for it, when
	 * that is known.
	 */
	synchronized void stepStarted(StepExecution step, Instant now, @Nullable Long waiting) {
		steps.add(step);
		Phase next = Phase.of(step.getStepName());
		if (next != phase) {
			phase = next;
			phaseStart = now;
			if (next == Phase.PROCESS) {
				backlog = waiting;
			}
		}
	}

	/** The line to show now, or none while the execution is between its phases. */
	synchronized @Nullable String line(Instant now) {
		Phase current = phase;
		Instant start = phaseStart;
		if (current == null || start == null || current == Phase.OTHER) {
			return null;
		}
		double seconds = Math.max(0.001, Duration.between(start, now).toMillis() / 1000.0);
		String head = jobName + " execution " + executionId + " running: ";
		if (current == Phase.PREPARE) {
			long prepared = sum(Phase.PREPARE, Tally.PREPARED);
			long read = prepared + sum(Phase.PREPARE, Tally.UNCHANGED);
			return head + String.format(Locale.ROOT, "prepare %d ERP rows read, %d prepared, %s rows/s", read, prepared,
					rate(read / seconds));
		}
		long inserted = sum(Phase.PROCESS, LastOperation.INSERTED_EXTERNALLY.name())
				+ sum(Phase.PROCESS, LastOperation.INSERTED_LOCALLY.name());
		long updated = sum(Phase.PROCESS, LastOperation.UPDATED_EXTERNALLY.name())
				+ sum(Phase.PROCESS, LastOperation.UPDATED_LOCALLY.name());
		long filtered = sum(Phase.PROCESS, SyncStatus.FILTERED.name());
		long failed = sum(Phase.PROCESS, SyncStatus.FAILED.name());
		long done = sumAll(Phase.PROCESS);
		double perSecond = done / seconds;
		StringBuilder line = new StringBuilder(head).append("process ").append(done);
		Long total = backlog;
		if (total != null) {
			line.append(" of ").append(total);
		}
		line.append(
				String.format(Locale.ROOT, " records (inserted %d, updated %d, filtered %d, failed %d), %s records/s",
						inserted, updated, filtered, failed, rate(perSecond)));
		if (total != null && done > 0 && done < total) {
			line.append(", about ")
				.append(duration(Duration.ofMillis(Math.round((total - done) / perSecond * 1000))))
				.append(" left");
		}
		return line.toString();
	}

	private long sum(Phase of, String tally) {
		long sum = 0;
		for (StepExecution step : steps) {
			if (Phase.of(step.getStepName()) == of) {
				sum += CommittedCounts.read(step, tally);
			}
		}
		return sum;
	}

	private long sumAll(Phase of) {
		long sum = 0;
		for (StepExecution step : steps) {
			if (Phase.of(step.getStepName()) == of) {
				for (Map.Entry<String, Long> tally : CommittedCounts.all(step).entrySet()) {
					sum += tally.getValue();
				}
			}
		}
		return sum;
	}

	private static String rate(double perSecond) {
		return perSecond >= 10 ? String.valueOf(Math.round(perSecond)) : String.format(Locale.ROOT, "%.1f", perSecond);
	}

	/** "40 s", "3 min 5 s", "2 h 10 min": precise enough for an estimate. */
	static String duration(Duration left) {
		long seconds = Math.max(1, left.toSeconds());
		if (seconds < 60) {
			return seconds + " s";
		}
		if (seconds < 3600) {
			return seconds / 60 + " min " + seconds % 60 + " s";
		}
		return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
	}

	/** What a step does, by its name (see {@link SyncJobFactory}). */
	enum Phase {

		PREPARE, PROCESS, OTHER;

		static Phase of(String stepName) {
			if (stepName.endsWith("-prepare")) {
				return PREPARE;
			}
			// "-process", its partitions "-process:partition0" and the held passes
			return stepName.contains("-process") ? PROCESS : OTHER;
		}

	}

}
