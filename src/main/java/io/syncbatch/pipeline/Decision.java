package io.syncbatch.pipeline;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncStatus;

/**
 * What filtering and mapping concluded for one record: a payload to write, or an outcome
 * that needs no write (filtered, refused by a mapping rule, held, gone from the source).
 */
public record Decision(SyncItem item, @Nullable Map<String, @Nullable Object> payload, @Nullable Outcome outcome) {

	static Decision write(SyncItem item, Map<String, @Nullable Object> payload) {
		return new Decision(item, payload, null);
	}

	static Decision decided(SyncItem item, Outcome outcome) {
		return new Decision(item, null, outcome);
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
	 * @param untilChanged the failure repeats until the record changes (the store's
	 * contract forbids what it holds): no attempt is left for the next run
	 */
	public record Outcome(SyncStatus status, @Nullable String externalId, @Nullable LastOperation operation,
			@Nullable String reason, boolean untilChanged) {

		static Outcome processed(String externalId, LastOperation operation) {
			return new Outcome(SyncStatus.PROCESSED, externalId, operation, null, false);
		}

		/** Gone from the source; the store's record {@code externalId} is deleted too. */
		static Outcome removed(String externalId, String reason) {
			return new Outcome(SyncStatus.DELETED, externalId, LastOperation.DELETED_EXTERNALLY, reason, false);
		}

		static Outcome of(SyncStatus status, String reason) {
			return new Outcome(status, null, null, reason, false);
		}

		/**
		 * FAILED, and not attempted again until the record changes or an operator retries
		 * it.
		 */
		static Outcome failedUntilChanged(String reason) {
			return new Outcome(SyncStatus.FAILED, null, null, reason, true);
		}

		/**
		 * The tally it counts in: its status, or for a processed record how it was
		 * written.
		 */
		String tally() {
			return status == SyncStatus.PROCESSED && operation != null ? operation.name() : status.name();
		}

	}

}
