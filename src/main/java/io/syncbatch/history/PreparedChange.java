package io.syncbatch.history;

import java.time.LocalDateTime;

/**
 * What prepare found: a source record new or changed since it was last synced, waiting to
 * be processed. Only the key, the fingerprint and the change time are kept; the history's
 * columns are written when it is processed.
 *
 * @param changedAt the source's change time, or {@link ChangeTime#EARLIEST} when it has
 * none
 */
public record PreparedChange(String key, String fingerprint, LocalDateTime changedAt) {

}
