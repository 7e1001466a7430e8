package io.syncbatch.pipeline;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.SourceRecord;

/**
 * A waiting record with its source's current state.
 *
 * @param current the record as its side has it now, or null when the source no longer
 * selects it
 */
public record SyncItem(WaitingRecord waiting, @Nullable SourceRecord current) {

	/** {@code KEY (description)}, as refusals and the history name it. */
	public String describe() {
		return current != null ? current.describe() : waiting.key();
	}

}
