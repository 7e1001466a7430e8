/**
 * The process step: reads the backlog, runs the record pipeline as processor and writer,
 * in partitions.
 */
@NullMarked
package io.syncbatch.process;

import org.jspecify.annotations.NullMarked;
