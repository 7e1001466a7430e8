/**
 * The sync database: sync history, prepared records, watermarks, scopes and run locks.
 */
@NullMarked
package io.syncbatch.history;

import org.jspecify.annotations.NullMarked;
