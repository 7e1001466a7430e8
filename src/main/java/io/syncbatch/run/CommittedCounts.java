package io.syncbatch.run;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;

import org.springframework.batch.core.step.StepExecution;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.syncbatch.pipeline.Tally;

/**
 * Per-step tallies (prepared, inserted, filtered…) that count only what was committed: a
 * chunk that rolls back, or is retried, adds nothing. Kept in the step's execution
 * context, where the run summary reads them, and added to the store/entity's counters at
 * the same moment.
 */
public final class CommittedCounts implements Tally {

	private static final String PREFIX = "count.";

	private final StepExecution step;

	private final ObjLongConsumer<String> meters;

	public CommittedCounts(StepExecution step, ObjLongConsumer<String> meters) {
		this.step = step;
		this.meters = meters;
	}

	@Override
	public void add(String name, long amount) {
		if (amount == 0) {
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				var context = step.getExecutionContext();
				context.putLong(PREFIX + name, context.getLong(PREFIX + name, 0) + amount);
				meters.accept(name, amount);
			}
		});
	}

	public static long read(StepExecution step, String name) {
		return step.getExecutionContext().getLong(PREFIX + name, 0);
	}

	/** Every tally of the step by name, in name order. */
	public static Map<String, Long> all(StepExecution step) {
		Map<String, Long> tallies = new TreeMap<>();
		step.getExecutionContext()
			.entrySet()
			.stream()
			.filter(entry -> entry.getKey().startsWith(PREFIX) && entry.getValue() instanceof Number)
			.forEach(entry -> tallies.put(entry.getKey().substring(PREFIX.length()),
					((Number) entry.getValue()).longValue()));
		return tallies;
	}

}
