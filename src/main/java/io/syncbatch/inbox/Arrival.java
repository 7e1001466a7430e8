package io.syncbatch.inbox;

import org.jspecify.annotations.Nullable;

/**
 * A message as it arrives, before it is stored: one record named by a push notification
 * or a webhook.
 *
 * @param store the store it concerns
 * @param topic what the sender calls it: the generic inquiry, the webhook's scope
 * @param entity the entity whose job syncs the record, or null when none does
 * @param recordKey the record's key on the sending side (ERP id, store id)
 * @param delivery what identifies it when the sender sends it again
 * @param occurredAt the sender's order of changes (Acumatica's TimeStamp, BigCommerce's
 * created_at)
 * @param ignored why nothing will be done with it, or null
 */
public record Arrival(String store, MessageSource source, String topic, @Nullable String entity,
		@Nullable String recordKey, String delivery, @Nullable Long occurredAt, @Nullable String ignored) {
}
