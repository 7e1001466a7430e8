/**
 * Real time: ERP push notifications and store webhooks are received into a durable inbox
 * (which is the webhook log), acknowledged at once, and processed by syncing the records
 * they name through the entity's own job, so filters, mapping rules, the connector, the
 * history and HELD dependencies are the batch runs'. The batch jobs stay the catch-all.
 */
@NullMarked
package io.syncbatch.inbox;

import org.jspecify.annotations.NullMarked;
