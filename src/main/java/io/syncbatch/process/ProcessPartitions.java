package io.syncbatch.process;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

import org.slf4j.MDC;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

import io.syncbatch.history.BacklogSlice;

/**
 * Runs an entity's process step as partitions that work at the same time, each over its
 * own slice of the backlog and each a step execution of its own. A chunk's own work
 * (reading its records, mapping, saving the outcomes, committing) leaves a slow store
 * idle; with two partitions one chunk's requests are in flight while another does its
 * database work. The store's concurrency limit holds across partitions, since every
 * request takes a permit of the store's.
 *
 * <p>
 * Each partition commits its own chunks, and a restart runs again only the partitions
 * that did not complete; Batch keeps the number of partitions of the first attempt, and
 * each partition's slice is in its execution context, so a restarted partition reads
 * exactly the slice it had, from what is still waiting in it.
 *
 * <p>
 * Batch's handler runs one step object for every partition; readers and writers keep the
 * state of their step execution, so each partition gets a step of its own from
 * {@code workers} instead.
 */
public final class ProcessPartitions extends TaskExecutorPartitionHandler implements Partitioner {

	private final Supplier<Step> workers;

	public ProcessPartitions(int count, Supplier<Step> workers) {
		this.workers = workers;
		setGridSize(count);
		// Batch's handler is a StepHolder and must name a step; the partitions never run
		// this one.
		setStep(workers.get());
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("process-partition-");
		threads.setConcurrencyLimit(count);
		// Partitions log with the run's store, entity and execution, like the thread that
		// started them.
		threads.setTaskDecorator(task -> {
			Map<String, String> logContext = MDC.getCopyOfContextMap();
			return () -> {
				if (logContext != null) {
					MDC.setContextMap(logContext);
				}
				try {
					task.run();
				}
				finally {
					MDC.clear();
				}
			};
		});
		setTaskExecutor(threads);
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int index = 0; index < gridSize; index++) {
			partitions.put("partition" + index, new BacklogSlice(index, gridSize).toContext());
		}
		return partitions;
	}

	@Override
	protected FutureTask<StepExecution> createTask(Step ignored, StepExecution partition) {
		Step step = workers.get();
		return new FutureTask<>(() -> {
			step.execute(partition);
			return partition;
		});
	}

}
