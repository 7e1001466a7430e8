package io.syncbatch.inbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A message of the inbox, as the webhook log shows it. */
public record InboxMessage(long id, String store, MessageSource source, String topic, @Nullable String entity,
		@Nullable String recordKey, @Nullable Long occurredAt, Instant receivedAt, InboxStatus status,
		@Nullable String reason, @Nullable Long duplicateOf, int attempts, @Nullable Long jobExecutionId,
		@Nullable Instant finishedAt) {
}
