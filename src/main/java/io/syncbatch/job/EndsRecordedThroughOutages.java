package io.syncbatch.job;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The job repository as the jobs' own steps and listeners use it: its writes of an ended
 * step or job execution go through {@link EndRecording}, so that an outage of the sync
 * database delays them instead of losing them. Only the jobs get it (the job factory
 * hands it to its builders): an operator's stop or recover in an outage fails at once
 * instead of waiting. Writes of a running step (its chunk's checkpoint, inside the
 * chunk's transaction) are not retried: a broken transaction cannot be resumed, and the
 * chunk is done again on restart.
 */
final class EndsRecordedThroughOutages implements MethodInterceptor {

	private final EndRecording recording;

	private final LeaseRenewer renewer;

	private final JobRepository repository;

	private EndsRecordedThroughOutages(JobRepository repository, EndRecording recording, LeaseRenewer renewer) {
		this.repository = repository;
		this.recording = recording;
		this.renewer = renewer;
	}

	static JobRepository around(JobRepository repository, EndRecording recording, LeaseRenewer renewer) {
		ProxyFactory proxy = new ProxyFactory(repository);
		proxy.addInterface(JobRepository.class);
		proxy.addAdvice(new EndsRecordedThroughOutages(repository, recording, renewer));
		return (JobRepository) proxy.getProxy();
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object argument = invocation.getArguments().length == 1 ? invocation.getArguments()[0] : null;
		String ended = invocation.getMethod().getName().startsWith("update") && argument != null ? ended(argument)
				: null;
		if (ended == null) {
			return invocation.proceed();
		}
		long executionId;
		if (argument instanceof JobExecution job) {
			executionId = job.getId();
			// Whatever becomes of this write, the job is over in this process: Batch
			// writes a job's end in its last moments, and skips its listeners (the lock's
			// release among them) if that write fails.
			renewer.ended(executionId);
		}
		else {
			executionId = ((StepExecution) invocation.getArguments()[0]).getJobExecutionId();
		}
		return recording.write(executionId, ended, () -> {
			try {
				return attempt(invocation);
			}
			catch (OptimisticLockingFailureException stale) {
				if (!(invocation.getArguments()[0] instanceof StepExecution step) || !committedUnseen(step)) {
					throw stale;
				}
				return attempt(invocation);
			}
		});
	}

	private static @Nullable Object attempt(MethodInvocation invocation) {
		try {
			// A clone per attempt: an invocation proceeds once.
			return ((ProxyMethodInvocation) invocation).invocableClone().proceed();
		}
		catch (RuntimeException | Error e) {
			throw e;
		}
		catch (Throwable e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * A chunk whose commit landed although its answer was lost: Batch puts the step's
	 * version (and counts) back to before the chunk, so the step's end no longer matches
	 * the row it committed. While that row still says the step runs, nobody but this
	 * process wrote it (a recover would have ended it), and the end is written over it.
	 */
	private boolean committedUnseen(StepExecution step) {
		StepExecution stored = repository.getStepExecution(step.getJobExecutionId(), step.getId());
		if (stored == null || stored.getStatus() != BatchStatus.STARTED || stored.getVersion() == null
				|| step.getVersion() == null || stored.getVersion() <= step.getVersion()) {
			return false;
		}
		step.setVersion(stored.getVersion());
		return true;
	}

	/** What ended, as a log line names it, or null for a running execution. */
	private static @Nullable String ended(Object argument) {
		if (argument instanceof StepExecution step && step.getEndTime() != null) {
			return "the end of step " + step.getStepName() + " of execution " + step.getJobExecutionId();
		}
		if (argument instanceof JobExecution job && job.getEndTime() != null) {
			return "the end of execution " + job.getId();
		}
		return null;
	}

}
