package io.syncbatch.state;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * The part of a store/entity's backlog one process partition works on: the records whose sync record id leaves
 * {@code index} when divided by {@code count}. The id never changes, so a record belongs to one partition for
 * its whole life, and consecutive records alternate between partitions whatever subset is waiting. Kept in the
 * partition's execution context, so a restarted partition reads exactly the records it owned before.
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

    /** The slice a partition's context names, or the whole backlog for a step that is not a partition. */
    public static BacklogSlice of(ExecutionContext context) {
        return context.containsKey(COUNT) ? new BacklogSlice(context.getInt(INDEX), context.getInt(COUNT)) : ALL;
    }

    public ExecutionContext toContext() {
        ExecutionContext context = new ExecutionContext();
        context.putInt(INDEX, index);
        context.putInt(COUNT, count);
        return context;
    }

    /** The SQL condition on sync_record, with its values bound by {@link #bind}; empty for the whole backlog. */
    String condition() {
        return count == 1 ? "" : " AND MOD(id, :sliceCount) = :sliceIndex";
    }

    MapSqlParameterSource bind(MapSqlParameterSource parameters) {
        return count == 1 ? parameters : parameters.addValue("sliceCount", count).addValue("sliceIndex", index);
    }
}
