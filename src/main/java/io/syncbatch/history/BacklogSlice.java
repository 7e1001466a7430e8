package io.syncbatch.history;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The part of a store/entity's backlog one process partition works on: the records whose
 * fingerprint's last two hex digits leave {@code index} when divided by {@code count}. A
 * record's fingerprint does not change while a process step runs (prepare is not running:
 * the run lock), and a record waits either as prepared or in the history, never both, so
 * no record is in two partitions; fingerprints spread evenly, so any subset of the
 * backlog divides evenly. Kept in the partition's execution context, so a restarted
 * partition reads its own slice again.
 */
public record BacklogSlice(int index, int count) {

	public static final BacklogSlice ALL = new BacklogSlice(0, 1);

	private static final String INDEX = "backlog.slice.index";

	private static final String COUNT = "backlog.slice.count";

	public BacklogSlice {
		if (count < 1 || index < 0 || index >= count) {
			throw new IllegalArgumentException("no slice " + index + " of " + count);
		}
	}

	/**
	 * The slice a partition's context names, or the whole backlog for a step that is not
	 * a partition.
	 */
	public static BacklogSlice of(ExecutionContext context) {
		return context.containsKey(COUNT) ? new BacklogSlice(context.getInt(INDEX), context.getInt(COUNT)) : ALL;
	}

	public ExecutionContext toContext() {
		ExecutionContext context = new ExecutionContext();
		context.putInt(INDEX, index);
		context.putInt(COUNT, count);
		return context;
	}

	/**
	 * The SQL condition on a fingerprint column, with its values bound by {@link #bind};
	 * empty for the whole backlog. Written with ASCII and SUBSTRING, which H2 and MySQL
	 * both have.
	 */
	String condition(String fingerprintColumn) {
		return count == 1 ? "" : " AND MOD(ASCII(SUBSTRING(" + fingerprintColumn + ", 31, 1)) * 16 + ASCII(SUBSTRING("
				+ fingerprintColumn + ", 32, 1)), :sliceCount) = :sliceIndex";
	}

	MapSqlParameterSource bind(MapSqlParameterSource parameters) {
		return count == 1 ? parameters : parameters.addValue("sliceCount", count).addValue("sliceIndex", index);
	}
}
