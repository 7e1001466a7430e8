package io.syncbatch.pipeline;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.definition.SyncDirection;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.record.SourceRecord;

/**
 * What filtering and mapping concluded for one record: a payload to write, or an outcome
 * that needs no write (filtered, refused by a mapping rule, held, gone from the source,
 * already in sync).
 *
 * @param way which way the write goes: the sync's own way, or the other one when the
 * other side won a conflict and its version is written back
 * @param conflict the conflict the write settles, or null
 */
public record Decision(SyncItem item, SyncDirection way, @Nullable Map<String, @Nullable Object> payload,
		@Nullable Conflict conflict, @Nullable Outcome outcome) {

	static Decision write(SyncItem item, SyncDirection way, Map<String, @Nullable Object> payload,
			@Nullable Conflict conflict) {
		return new Decision(item, way, payload, conflict, null);
	}

	static Decision decided(SyncItem item, SyncDirection way, Outcome outcome) {
		return new Decision(item, way, null, null, outcome);
	}

	public boolean needsWrite() {
		return outcome == null;
	}

	/**
	 * Whether the store's record must be deleted before the outcome is saved: the source
	 * no longer has it and the definition says {@code on-delete: delete}.
	 */
	public boolean needsRemoval() {
		return outcome != null && outcome.operation() == LastOperation.DELETED_EXTERNALLY;
	}

	/**
	 * How one attempt at a record ended.
	 *
	 * @param externalId the store's id, when the attempt gave or found one
	 * @param erpId the ERP's id, when the attempt gave or found one
	 * @param untilChanged the failure repeats until the record changes (the store's
	 * contract forbids what it holds): no attempt is left for the next run
	 * @param written a write reached the other side (which then holds {@code after})
	 * @param after the written side's record as it was right after the write, read the
	 * way a sync from that side reads it; null when that is not known
	 * @param conflict the conflict the write settled
	 * @param kept the record's history line stays as it was
	 */
	public record Outcome(SyncStatus status, @Nullable String externalId, @Nullable String erpId,
			@Nullable LastOperation operation, @Nullable String reason, boolean untilChanged, boolean written,
			@Nullable SourceRecord after, @Nullable Conflict conflict, boolean kept) {

		/**
		 * Left out by this way's filtering conditions, and the other way's record: its
		 * history line stays as it was. Counted as filtered.
		 */
		static Outcome keptAsItWas() {
			return new Outcome(SyncStatus.FILTERED, null, null, null, null, false, false, null, null, true);
		}

		/** Written to the store (an export's write) with the store's answer. */
		static Outcome exported(String externalId, LastOperation operation, @Nullable SourceRecord after,
				@Nullable Conflict conflict, @Nullable String reason) {
			return new Outcome(SyncStatus.PROCESSED, externalId, null, operation, reason, false, true, after, conflict,
					false);
		}

		/**
		 * Written to the ERP (an import's write); a null operation: the ERP already held
		 * every value.
		 */
		static Outcome imported(String erpId, @Nullable LastOperation operation, @Nullable SourceRecord after,
				@Nullable Conflict conflict, @Nullable String reason) {
			return new Outcome(SyncStatus.PROCESSED, null, erpId, operation, reason, false, true, after, conflict,
					false);
		}

		/**
		 * Nothing to write: the other side already has this version, which the engine
		 * wrote itself (its own write, coming back).
		 */
		static Outcome inSync() {
			return new Outcome(SyncStatus.PROCESSED, null, null, null, null, false, false, null, null, false);
		}

		/** Gone from the source; the store's record {@code externalId} is deleted too. */
		static Outcome removed(String externalId, String reason) {
			return new Outcome(SyncStatus.DELETED, externalId, null, LastOperation.DELETED_EXTERNALLY, reason, false,
					false, null, null, false);
		}

		static Outcome of(SyncStatus status, String reason) {
			return new Outcome(status, null, null, null, reason, false, false, null, null, false);
		}

		/**
		 * FAILED, and not attempted again until the record changes or an operator retries
		 * it.
		 */
		static Outcome failedUntilChanged(String reason) {
			return new Outcome(SyncStatus.FAILED, null, null, null, reason, true, false, null, null, false);
		}

		/**
		 * The tally it counts in: its status, or for a processed record how it was
		 * written, or {@link Tally#IN_SYNC} when nothing needed writing.
		 */
		String tally() {
			if (status != SyncStatus.PROCESSED) {
				return status.name();
			}
			return operation != null ? operation.name() : Tally.IN_SYNC;
		}

	}

}
