package io.syncbatch.pipeline;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.SourceRecord;

/**
 * A waiting record with its source's current state.
 *
 * @param current the record as its side has it now, or null when the source no longer
 * selects it
 * @param other for a bidirectional entity, the record it is bound to on the other side as
 * that side has it now (read as a sync from there reads it); null when it is not bound or
 * not there
 */
public record SyncItem(WaitingRecord waiting, @Nullable SourceRecord current, @Nullable SourceRecord other) {

	public SyncItem(WaitingRecord waiting, @Nullable SourceRecord current) {
		this(waiting, current, null);
	}

	/** {@code KEY (description)}, as refusals and the history name it. */
	public String describe() {
		return current != null ? current.describe() : waiting.key();
	}

}
