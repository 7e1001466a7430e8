package io.syncbatch.process;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import io.syncbatch.run.StepRun;
import io.syncbatch.run.SyncRun;
import io.syncbatch.history.SyncRecordRepository;

/**
 * Ends a held pass with {@value #AGAIN} while it made progress: a category held for its
 * parent, which went out in the same chunk, goes in the next pass, and its own children
 * in the one after.
 */
public class HeldPassProgress implements StepExecutionListener {

	public static final String AGAIN = "AGAIN";

	private final StepRun step;

	private final SyncRecordRepository records;

	private int heldBefore;

	/**
	 * @param step the step's run, registered as a listener before this one
	 */
	public HeldPassProgress(StepRun step, SyncRecordRepository records) {
		this.step = step;
		this.records = records;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		SyncRun run = step.run();
		heldBefore = records.countHeld(run.store(), run.entity(), run.direction());
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		if (!ExitStatus.COMPLETED.equals(stepExecution.getExitStatus())) {
			return null;
		}
		SyncRun run = step.run();
		int held = records.countHeld(run.store(), run.entity(), run.direction());
		return held > 0 && held < heldBefore ? new ExitStatus(AGAIN, held + " still held") : null;
	}

}
