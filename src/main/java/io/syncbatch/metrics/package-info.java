/**
 * The engine's Micrometer meters: record counters and gauges read from the sync database.
 */
@NullMarked
package io.syncbatch.metrics;

import org.jspecify.annotations.NullMarked;
