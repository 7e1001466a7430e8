package io.syncbatch.job;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Batch marks a step UNKNOWN, which it refuses to restart, when a chunk's transaction
 * ended without a known outcome: the sync database went away during the commit or the
 * rollback. For our steps either outcome restarts correctly, so the step is FAILED
 * instead, and restartable: a chunk's checkpoint and its records' history are written in
 * that one transaction, so after it the database holds both or neither, and the restart
 * goes on from the checkpoint it finds. A store write whose answer the lost transaction
 * took with it is found again on the restart by what was recorded before it was sent, as
 * after a kill.
 */
class UnknownChunkOutcomeAsFailed implements StepExecutionListener {

	@Override
	public @Nullable ExitStatus afterStep(StepExecution step) {
		// The exit code is already FAILED, from the failure that ended the chunk.
		if (step.getStatus() == BatchStatus.UNKNOWN) {
			step.setStatus(BatchStatus.FAILED);
		}
		return null;
	}

}
