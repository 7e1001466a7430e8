package io.syncbatch.run;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Per-step tallies (prepared, inserted, filtered…) that count only what was committed: a chunk that rolls
 * back, or is retried, adds nothing. Kept in the step's execution context, where the run summary reads them.
 */
public final class CommittedCounts {

    private static final String PREFIX = "count.";

    private final StepExecution step;

    public CommittedCounts(StepExecution step) {
        this.step = step;
    }

    public void addOnCommit(String name, long amount) {
        if (amount == 0) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                var context = step.getExecutionContext();
                context.putLong(PREFIX + name, context.getLong(PREFIX + name, 0) + amount);
            }
        });
    }

    public static long read(StepExecution step, String name) {
        return step.getExecutionContext().getLong(PREFIX + name, 0);
    }
}
