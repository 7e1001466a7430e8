package io.syncbatch.job;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The job repository's writes of an ended step or job execution go through
 * {@link EndRecording}, so that an outage of the sync database delays them instead of
 * losing them. Writes of a running step (its chunk's checkpoint, inside the chunk's
 * transaction) are not retried here: a broken transaction cannot be resumed, and the
 * chunk is done again on restart.
 */
class EndsRecordedThroughOutages implements MethodInterceptor {

	private final ObjectProvider<EndRecording> recording;

	EndsRecordedThroughOutages(ObjectProvider<EndRecording> recording) {
		this.recording = recording;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		String ended = invocation.getMethod().getName().startsWith("update") && invocation.getArguments().length == 1
				? ended(invocation.getArguments()[0]) : null;
		if (ended == null) {
			return invocation.proceed();
		}
		return recording.getObject().write(ended, () -> {
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
		});
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
