package io.syncbatch.job;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import io.syncbatch.definition.EntityJob;
import io.syncbatch.run.SyncRun;
import io.syncbatch.history.RunLocks;

/**
 * Binds the store/entity lock taken at launch to the execution, and frees it when the job
 * ends, also when the sync database was unreachable at that moment.
 */
class RunLockListener implements JobExecutionListener {

	private final EntityJob job;

	private final RunLocks locks;

	private final EndRecording recording;

	private final LeaseRenewer renewer;

	RunLockListener(EntityJob job, RunLocks locks, EndRecording recording, LeaseRenewer renewer) {
		this.job = job;
		this.locks = locks;
		this.recording = recording;
		this.renewer = renewer;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		locks.bind(store(execution), job.entity(), execution.getId());
	}

	@Override
	public void afterJob(JobExecution execution) {
		recording.write(execution.getId(), "the release of the lock of execution " + execution.getId(),
				() -> locks.release(store(execution), job.entity(), execution.getId()));
		renewer.released(execution.getId());
	}

	private static String store(JobExecution execution) {
		return execution.getJobParameters().getString(SyncRun.STORE);
	}

}
