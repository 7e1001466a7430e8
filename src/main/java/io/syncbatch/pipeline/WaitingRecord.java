package io.syncbatch.pipeline;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

import io.syncbatch.history.BacklogPosition;
import io.syncbatch.history.SyncRecord;

/**
 * A record the process step has to attempt: prepared (new or changed since it was last
 * synced) or waiting in the history (HELD, or FAILED with attempts left).
 *
 * @param key its id on the side the sync starts from
 * @param binding its line in the sync history, or null for a record never processed
 * @param preparedFingerprint the fingerprint prepare found, or null when it waits in the
 * history: a prepared record starts its attempts afresh
 */
public record WaitingRecord(String key, LocalDateTime changedAt, @Nullable SyncRecord binding,
		@Nullable String preparedFingerprint) {

	public boolean prepared() {
		return preparedFingerprint != null;
	}

	public BacklogPosition position() {
		return new BacklogPosition(changedAt, key);
	}

}
