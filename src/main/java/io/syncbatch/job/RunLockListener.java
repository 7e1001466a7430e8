package io.syncbatch.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import io.syncbatch.definition.EntityJob;
import io.syncbatch.run.SyncRun;
import io.syncbatch.history.RunLocks;

/**
 * Binds the store/entity lock taken at launch to the execution, and frees it when the job
 * ends.
 */
class RunLockListener implements JobExecutionListener {

	private final EntityJob job;

	private final RunLocks locks;

	RunLockListener(EntityJob job, RunLocks locks) {
		this.job = job;
		this.locks = locks;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		locks.bind(store(execution), job.entity(), execution.getId());
	}

	@Override
	public void afterJob(JobExecution execution) {
		locks.release(store(execution), job.entity(), execution.getId());
	}

	private static String store(JobExecution execution) {
		return execution.getJobParameters().getString(SyncRun.STORE);
	}

}
