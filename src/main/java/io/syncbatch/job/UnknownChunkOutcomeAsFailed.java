package io.syncbatch.job;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Batch marks a step UNKNOWN, which it refuses to restart, when a chunk's transaction
 * ended without a known outcome: the sync database went away during the commit or the
 * rollback. A chunk's checkpoint and its records' history are written in that one
 * transaction, so the database holds both or neither; when it holds neither, the restart
 * goes on from the checkpoint before, so the step is FAILED instead, and restartable.
 * (When the commit did land, Batch has put the step's version back to before it, so the
 * step's end cannot be written and the execution stays UNKNOWN: not silently wrong, but
 * not restartable either.) A store write whose answer the lost transaction took with it
 * is found again on the restart by what was recorded before it was sent, as after a kill.
 */
class UnknownChunkOutcomeAsFailed implements StepExecutionListener {

	@Override
	public @Nullable ExitStatus afterStep(StepExecution step) {
		// The exit code is already FAILED, from the failure that ended the chunk. (When
		// the step's end could not be written either, Batch makes it UNKNOWN after the
		// listeners; the execution is then recovered from its lease.)
		if (step.getStatus() == BatchStatus.UNKNOWN) {
			step.setStatus(BatchStatus.FAILED);
		}
		return null;
	}

}
