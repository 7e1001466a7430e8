package io.syncbatch.job;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;

import io.syncbatch.secrets.Secrets;

/**
 * The job repository keeps a failed step's exit message as the stack trace of whatever
 * failed, and anything may be in a message (a store's error body echoing the request's
 * token, a driver naming its URL). Every job and step execution the repository saves has
 * its exit description masked first, in memory too, so neither the tables nor what the
 * CLI and the API show of an execution carry a secret. (A step listener cannot do it:
 * Batch appends a listener's exit status to the failure's, never replaces it.)
 */
class RedactedExitDescriptions implements MethodInterceptor {

	private final ObjectProvider<Secrets> secrets;

	RedactedExitDescriptions(ObjectProvider<Secrets> secrets) {
		this.secrets = secrets;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (invocation.getMethod().getName().startsWith("update")) {
			for (Object argument : invocation.getArguments()) {
				if (argument instanceof StepExecution step) {
					step.setExitStatus(masked(step.getExitStatus()));
				}
				else if (argument instanceof JobExecution job) {
					job.setExitStatus(masked(job.getExitStatus()));
				}
			}
		}
		return invocation.proceed();
	}

	private ExitStatus masked(ExitStatus status) {
		String description = status.getExitDescription();
		String masked = secrets.getObject().redacted(description);
		return masked.equals(description) ? status : new ExitStatus(status.getExitCode(), masked);
	}

}
