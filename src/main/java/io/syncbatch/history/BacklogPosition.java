package io.syncbatch.history;

import java.time.LocalDateTime;

/**
 * Where a walk of the backlog stands: the next page starts after it, oldest change first,
 * then by key.
 */
public record BacklogPosition(LocalDateTime changedAt, String key) implements Comparable<BacklogPosition> {

	public static final BacklogPosition START = new BacklogPosition(ChangeTime.EARLIEST, "");

	@Override
	public int compareTo(BacklogPosition other) {
		int byTime = changedAt.compareTo(other.changedAt);
		return byTime != 0 ? byTime : key.compareTo(other.key);
	}

}
