/**
 * One record's way through a sync: filtering, mapping, the write and its outcome in the
 * sync history.
 */
@NullMarked
package io.syncbatch.pipeline;

import org.jspecify.annotations.NullMarked;
