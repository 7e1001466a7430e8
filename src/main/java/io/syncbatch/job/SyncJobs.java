package io.syncbatch.job;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Service;

import io.syncbatch.definition.Definitions;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.definition.EntityJob;
import io.syncbatch.run.SyncRun;
import io.syncbatch.record.UntrustedText;
import io.syncbatch.definition.DefinitionException;
import io.syncbatch.definition.ImportSpec;
import io.syncbatch.definition.SyncDirection;
import io.syncbatch.definition.SyncMode;
import io.syncbatch.erp.QueryCheck;
import io.syncbatch.erpwrite.ErpRecordWriter;
import io.syncbatch.history.RunLocks;
import io.syncbatch.history.RunRefusedException;
import io.syncbatch.connector.StoreConnectors;

/** Launching and restarting sync jobs, as the CLI and schedulers do it. */
@Service
public class SyncJobs {

	private static final Logger log = LoggerFactory.getLogger(SyncJobs.class);

	private final Definitions definitions;

	private final DefinitionJobRegistry registry;

	private final JobOperator operator;

	private final JobOperator background;

	private final JobRepository repository;

	private final StoreConnectors stores;

	private final QueryCheck queryCheck;

	private final ErpRecordWriter erpWriter;

	private final RunLocks locks;

	private final Clock clock;

	private final ExpiredRuns expiredRuns;

	private final LeaseRenewer renewer;

	private final LeaseSettings leases;

	public SyncJobs(Definitions definitions, DefinitionJobRegistry registry, JobOperator operator,
			@Qualifier("async") JobOperator background, JobRepository repository, StoreConnectors stores,
			QueryCheck queryCheck, ErpRecordWriter erpWriter, RunLocks locks, Clock clock, ExpiredRuns expiredRuns,
			LeaseRenewer renewer, LeaseSettings leases) {
		this.definitions = definitions;
		this.registry = registry;
		this.operator = operator;
		this.background = background;
		this.repository = repository;
		this.stores = stores;
		this.queryCheck = queryCheck;
		this.erpWriter = erpWriter;
		this.locks = locks;
		this.clock = clock;
		this.expiredRuns = expiredRuns;
		this.renewer = renewer;
		this.leases = leases;
	}

	public Set<String> jobNames() {
		return definitions.jobNames();
	}

	/**
	 * Runs a job to its end with the given parameters ({@code store}, {@code mode} and
	 * the definition's query parameters). Every launch is a new job instance; a failed
	 * one is resumed with {@link #restart(long)}.
	 */
	public JobExecution launch(String jobName, Map<String, String> parameters) throws Exception {
		return launch(jobName, parameters, operator);
	}

	/**
	 * Runs every entity's jobs, each entity after those its records refer to (a
	 * bidirectional entity export first, then import), and stops at the first job that
	 * does not complete: what comes after it would only be held waiting for it. An entity
	 * the store's platform cannot take (a resource it has not) is left out and said so.
	 * Returns the executions run.
	 * @param skipped told each entity left out, and why
	 */
	public List<JobExecution> launchAll(Map<String, String> parameters, BiConsumer<String, String> skipped)
			throws Exception {
		String store = stores.orDefault(parameters.get(SyncRun.STORE));
		List<JobExecution> executions = new ArrayList<>();
		for (EntityDefinition definition : definitions.inSyncOrder()) {
			String cannot = stores.cannotTake(definition.on(stores.platform(store)), store);
			if (cannot != null) {
				skipped.accept(definition.entity(), cannot);
				continue;
			}
			for (EntityJob job : definition.jobs()) {
				String leftOut = stores.cannotRun(job, store);
				if (leftOut != null) {
					skipped.accept(job.name(), leftOut);
					continue;
				}
				JobExecution execution = launch(job.name(), parameters);
				executions.add(execution);
				if (execution.getStatus() != BatchStatus.COMPLETED) {
					return executions;
				}
			}
		}
		return executions;
	}

	/**
	 * The job's definition as it works on the store's platform.
	 * @throws DefinitionException when the entity goes only the other way there
	 */
	public EntityDefinition runsOn(EntityJob job, String store) {
		EntityDefinition onStore = job.definition().on(stores.platform(store));
		if (!onStore.direction().ways().contains(job.direction())) {
			throw new DefinitionException(job.definition().origin() + ": " + job.name() + " does not run on store '"
					+ store + "': target.platforms." + stores.platform(store) + ".direction says " + job.entity()
					+ " goes " + onStore.direction().label() + " only there");
		}
		return onStore;
	}

	/**
	 * The jobs an event launches: those of the entities whose definition syncs
	 * {@code on-event} and names the event, in sync order.
	 * @throws IllegalArgumentException when no entity syncs on the event, naming the
	 * events there are
	 */
	public List<EntityJob> onEvent(String event) {
		List<EntityJob> launched = definitions.inSyncOrder()
			.stream()
			.filter(definition -> definition.syncs(SyncMode.ON_EVENT) && definition.events().contains(event))
			.flatMap(definition -> definition.jobs().stream())
			.toList();
		if (launched.isEmpty()) {
			Set<String> events = new TreeSet<>();
			definitions.all()
				.stream()
				.filter(definition -> definition.syncs(SyncMode.ON_EVENT))
				.forEach(definition -> events.addAll(definition.events()));
			throw new IllegalArgumentException(
					"no entity syncs on event " + UntrustedText.quoted(event) + "; the definitions' events: " + events);
		}
		return launched;
	}

	/**
	 * Runs the jobs an event launches ({@link #onEvent}), each after the last completed;
	 * stops at the first that does not complete, as {@link #launchAll}.
	 */
	public List<JobExecution> launchOnEvent(String event, Map<String, String> parameters) throws Exception {
		String store = stores.orDefault(parameters.get(SyncRun.STORE));
		List<JobExecution> executions = new ArrayList<>();
		for (EntityJob job : onEvent(event)) {
			String leftOut = stores.cannotRun(job, store);
			if (leftOut != null) {
				log.info("Event {}: {} left out on store '{}': {}", UntrustedText.quoted(event), job.name(), store,
						leftOut);
				continue;
			}
			JobExecution execution = launch(job.name(), parameters);
			executions.add(execution);
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				break;
			}
		}
		return executions;
	}

	/**
	 * As {@link #launch}, but returns once the execution is recorded; the job runs on its
	 * own thread.
	 */
	public JobExecution launchInBackground(String jobName, Map<String, String> parameters) throws Exception {
		return launch(jobName, parameters, background);
	}

	private JobExecution launch(String jobName, Map<String, String> parameters, JobOperator using) throws Exception {
		EntityJob entityJob = definitions.requireJob(jobName);
		EntityDefinition definition = entityJob.definition();
		if (parameters.containsKey(SyncRun.LAUNCHED_AT)) {
			// The engine's own: it makes every launch a new job instance.
			throw new InvalidJobParametersException("job " + jobName + ": unknown parameter '" + SyncRun.LAUNCHED_AT
					+ "'; accepted: " + SyncParametersValidator.offered(entityJob));
		}
		JobParametersBuilder builder = new JobParametersBuilder();
		parameters.forEach(builder::addString);
		if (!parameters.containsKey(SyncRun.STORE)) {
			builder.addString(SyncRun.STORE, stores.defaultStore());
		}
		builder.addString(SyncRun.LAUNCHED_AT, clock.instant().toString());
		var jobParameters = builder.toJobParameters();
		Job job = Objects.requireNonNull(registry.getJob(jobName));
		job.getJobParametersValidator().validate(jobParameters);
		queryCheck.check(definition, SyncRun.queryParameters(definition, parameters::get));
		String store = Objects.requireNonNull(jobParameters.getString(SyncRun.STORE));
		EntityDefinition onStore = runsOn(entityJob, store);
		stores.checkTarget(onStore, store);
		ImportSpec importing = onStore.importing();
		if (importing != null) {
			checkImport(definition, importing);
		}
		if (entityJob.direction() == SyncDirection.IMPORT && importing != null
				&& (parameters.containsKey(EntityDefinition.MODIFIED_FROM)
						|| parameters.containsKey(EntityDefinition.MODIFIED_TO))
				&& !stores.reader(Objects.requireNonNull(store), importing.resource()).dated()) {
			throw new InvalidJobParametersException("job " + jobName + ": store '" + store + "' keeps no modification"
					+ " date for its " + importing.resource() + ", so " + EntityDefinition.MODIFIED_FROM + " and "
					+ EntityDefinition.MODIFIED_TO + " cannot select them: run without them (every run reads them"
					+ " all and imports the changed ones), or with ids");
		}
		String lock = lock(store, entityJob);
		try {
			return using.start(job, jobParameters);
		}
		catch (Exception | Error e) {
			releaseUnbound(lock, e);
			throw e;
		}
	}

	/**
	 * The ERP table an import writes has every column its target and mapping name.
	 * @throws DefinitionException naming the file and the field
	 */
	private void checkImport(EntityDefinition definition, ImportSpec importing) {
		try {
			erpWriter.check(importing.erpTarget(),
					importing.mapping().stream().flatMap(rule -> rule.targets().stream()).toList());
		}
		catch (IllegalArgumentException wrong) {
			throw new DefinitionException(definition.origin() + ": import." + wrong.getMessage(), wrong);
		}
	}

	/**
	 * A launch that failed before its job started leaves the lock to its caller; if the
	 * sync database is gone too, the lease frees it, and the launch's own failure is the
	 * one to report.
	 */
	private void releaseUnbound(String lock, Throwable launchFailure) {
		try {
			locks.releaseUnbound(lock);
		}
		catch (RuntimeException notReleased) {
			launchFailure.addSuppressed(notReleased);
		}
	}

	/**
	 * Takes the store/entity's lock, after recovering what a dead process left there (its
	 * lease expired), and keeps its lease renewed while it is held.
	 */
	private String lock(String store, EntityJob job) {
		expiredRuns.recover(store, job.entity());
		String owner = locks.acquire(store, job.entity(), job.direction(), clock.instant(), leases.duration());
		renewer.renewWhileHeld(owner, job.entity() + " on store " + store);
		return owner;
	}

	/** Resumes a failed or stopped execution from its last committed chunk. */
	public JobExecution restart(long executionId) throws Exception {
		return restart(executionId, operator);
	}

	public JobExecution restartInBackground(long executionId) throws Exception {
		return restart(executionId, background);
	}

	private JobExecution restart(long executionId, JobOperator using) throws Exception {
		JobExecution previous = execution(executionId);
		refuseIfCompleted(previous);
		EntityJob job = definitions.job(previous.getJobInstance().getJobName());
		if (job == null) {
			throw new IllegalArgumentException("execution " + executionId + " is of job '"
					+ previous.getJobInstance().getJobName() + "', which no definition in jobs/ provides any more");
		}
		String lock = lock(previous.getJobParameters().getString(SyncRun.STORE), job);
		try {
			return using.restart(previous);
		}
		catch (JobRestartException e) {
			releaseUnbound(lock, e);
			if (e.getCause() instanceof JobInstanceAlreadyCompleteException) {
				// Completed by another process since the check above.
				throw new RestartRefusedException(alreadyCompleted(previous, null));
			}
			throw e;
		}
		catch (Exception | Error e) {
			releaseUnbound(lock, e);
			throw e;
		}
	}

	/**
	 * A run is one job instance: once one of its executions completed, the run is done,
	 * and restarting any of them would do nothing.
	 */
	private void refuseIfCompleted(JobExecution previous) {
		for (JobExecution execution : repository.getJobExecutions(previous.getJobInstance())) {
			if (execution.getStatus() == BatchStatus.COMPLETED) {
				throw new RestartRefusedException(alreadyCompleted(previous, execution));
			}
		}
	}

	private static String alreadyCompleted(JobExecution previous, @Nullable JobExecution completed) {
		String by = completed == null || completed.getId() == previous.getId() ? ""
				: " (its restart, execution " + completed.getId() + ", completed it)";
		return "execution " + previous.getId() + " of " + previous.getJobInstance().getJobName() + " already completed"
				+ by + "; there is nothing to restart: run the job again instead";
	}

	/**
	 * Asks a running execution to stop after its current chunk; it ends STOPPED and can
	 * be restarted. Only the job execution is marked STOPPING: the running step reads
	 * that from the job repository at its next commit, so this works from another process
	 * too. (Batch 6.0's own stop also rewrites the running step's row and its end time,
	 * which makes the live step fail on an optimistic lock, "in an unknown state".)
	 */
	public JobExecution stop(long executionId) {
		JobExecution execution = execution(executionId);
		if (!execution.isRunning()) {
			throw new IllegalArgumentException(
					"execution " + executionId + " is " + execution.getStatus() + ", not running");
		}
		execution.setStatus(BatchStatus.STOPPING);
		repository.update(execution);
		return execution;
	}

	/**
	 * Marks an execution whose process died (still STARTED in the job repository, nothing
	 * running it) as FAILED, so that it can be restarted, and frees its lock. An
	 * execution whose lease is live is refused: its process is still running it, and a
	 * restart would run a second copy beside it.
	 * @throws RunRefusedException when the execution's lease is live
	 */
	public JobExecution recover(long executionId) {
		JobExecution execution = execution(executionId);
		locks.liveLease(executionId).ifPresent(lease -> {
			throw new RunRefusedException("execution " + executionId + " of " + execution.getJobInstance().getJobName()
					+ " is still running: its process (" + lease.holder() + ") renews its lease, which expires in "
					+ Math.max(1, (lease.left().toMillis() + 999) / 1000)
					+ " s; recover is only for an execution whose process died (it is recovered automatically once"
					+ " its lease expires); to end this one, run: stop " + executionId);
		});
		if (!execution.isRunning()) {
			return operator.recover(execution);
		}
		String reason = locks.boundTo(executionId)
			.map(lock -> "recovered by an operator; "
					+ ExpiredRuns.reason(lock.holder(), lock.renewedAt()).replace("; recovered automatically", ""))
			.orElse("recovered by an operator");
		execution.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), reason));
		JobExecution recovered = operator.recover(execution);
		String store = execution.getJobParameters().getString(SyncRun.STORE);
		EntityJob job = definitions.job(execution.getJobInstance().getJobName());
		if (store != null && job != null) {
			locks.release(store, job.entity(), executionId);
		}
		return recovered;
	}

	/** The newest executions first, of one job or of all. */
	public List<ExecutionView> executions(@Nullable String jobName, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be a whole number of at least 1, got " + limit);
		}
		if (jobName != null) {
			definitions.requireJob(jobName);
		}
		List<ExecutionView> executions = new ArrayList<>();
		for (String name : jobName == null ? jobNames() : Set.of(jobName)) {
			for (JobInstance instance : repository.getJobInstances(name, 0, limit)) {
				repository.getJobExecutions(instance).forEach(execution -> executions.add(ExecutionView.of(execution)));
			}
		}
		executions.sort(Comparator.comparingLong(ExecutionView::id).reversed());
		return executions.subList(0, Math.min(limit, executions.size()));
	}

	/**
	 * @throws ExecutionNotFoundException when the job repository has no such execution
	 */
	public JobExecution execution(long executionId) {
		JobExecution execution;
		try {
			execution = repository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException e) {
			// Batch 6's JDBC repository throws where its interface says null.
			execution = null;
		}
		if (execution == null) {
			throw new ExecutionNotFoundException(executionId);
		}
		return execution;
	}

}
