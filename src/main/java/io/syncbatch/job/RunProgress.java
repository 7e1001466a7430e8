package io.syncbatch.job;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import io.syncbatch.definition.EntityJob;
import io.syncbatch.history.PreparedRecords;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.history.SyncScopes;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.run.SyncRun;

/**
 * Shows a run's progress on stderr while it lasts, when
 * {@code syncbatch.progress.enabled} (the command line's job commands): on a terminal one
 * line redrawn every {@code interval} and erased before the summary is printed; otherwise
 * (a scheduler's log, a pipe) a plain line every {@code plain-interval}. A run shorter
 * than one interval prints nothing. stdout stays the run summary, so scripts reading it
 * are unaffected.
 */
@Component
public class RunProgress {

	private static final Logger log = LoggerFactory.getLogger(RunProgress.class);

	private static final String ERASE_LINE = "\r\033[K";

	private final ProgressSettings settings;

	private final Clock clock;

	private final PreparedRecords prepared;

	private final SyncRecordRepository records;

	private final SyncScopes scopes;

	private final Map<Long, Running> running = new ConcurrentHashMap<>();

	public RunProgress(ProgressSettings settings, Clock clock, PreparedRecords prepared, SyncRecordRepository records,
			SyncScopes scopes) {
		this.settings = settings;
		this.clock = clock;
		this.prepared = prepared;
		this.records = records;
		this.scopes = scopes;
	}

	/** The listener for a job of this entity and for each of its steps. */
	Listener listener(EntityJob job) {
		return new Listener(job);
	}

	/**
	 * How many records wait for the process step: those prepared (a selective run's own
	 * only) and, for a run that also takes the history's backlog, FAILED and HELD ones.
	 * An estimate for the ETA, taken once; without it the line shows no total.
	 */
	private @Nullable Long waiting(EntityJob job, StepExecution step) {
		try {
			SyncRun run = SyncRun.of(job, step);
			long count = prepared.count(scopes.id(run.store(), run.entity(), run.direction()),
					run.selective() ? run.jobInstanceId() : null);
			if (!run.selective()) {
				for (SyncRecordRepository.StatusCount status : records
					.countByStatus(List.of(SyncStatus.FAILED, SyncStatus.HELD))) {
					if (status.store().equals(run.store()) && status.entity().equals(run.entity())
							&& status.direction() == run.direction()) {
						count += status.count();
					}
				}
			}
			return count;
		}
		catch (DataAccessException | IllegalArgumentException e) {
			log.debug("No backlog total for the progress of {}", job.name(), e);
			return null;
		}
	}

	/** One execution being shown, with the thread that draws it. */
	private final class Running {

		private final ProgressReport report;

		private final boolean terminal;

		private final ScheduledExecutorService ticker;

		private boolean drawn;

		Running(ProgressReport report) {
			this.report = report;
			this.terminal = System.console() != null;
			this.ticker = Executors.newSingleThreadScheduledExecutor(task -> {
				Thread thread = new Thread(task, "syncbatch-progress");
				thread.setDaemon(true);
				return thread;
			});
			long every = (terminal ? settings.interval() : settings.plainInterval()).toMillis();
			ticker.scheduleAtFixedRate(this::draw, every, every, TimeUnit.MILLISECONDS);
		}

		private synchronized void draw() {
			try {
				String line = report.line(clock.instant());
				if (line == null) {
					return;
				}
				// Read at each line, not kept: whoever owns stderr now gets it.
				PrintStream err = System.err;
				if (terminal) {
					err.print(ERASE_LINE + line);
					err.flush();
					drawn = true;
				}
				else {
					err.println(line);
				}
			}
			catch (RuntimeException e) {
				// Progress is a courtesy: it never fails or stops a run.
				log.debug("Progress line failed", e);
			}
		}

		synchronized void close() {
			ticker.shutdownNow();
			if (drawn) {
				System.err.print(ERASE_LINE);
				System.err.flush();
			}
		}

	}

	final class Listener implements JobExecutionListener, StepExecutionListener {

		private final EntityJob job;

		private Listener(EntityJob job) {
			this.job = job;
		}

		@Override
		public void beforeJob(JobExecution execution) {
			if (settings.enabled()) {
				running.put(execution.getId(), new Running(new ProgressReport(job.name(), execution.getId())));
			}
		}

		@Override
		public void beforeStep(StepExecution step) {
			Running run = running.get(step.getJobExecutionId());
			if (run != null) {
				boolean backlogStep = step.getStepName().endsWith("-process");
				run.report.stepStarted(step, clock.instant(), backlogStep ? waiting(job, step) : null);
			}
		}

		@Override
		public void afterJob(JobExecution execution) {
			Running run = running.remove(execution.getId());
			if (run != null) {
				run.close();
			}
		}

	}

}
