/**
 * Building, launching and restarting the sync jobs of the definitions, and what a run
 * logs, measures and summarises.
 */
@NullMarked
package io.syncbatch.job;

import org.jspecify.annotations.NullMarked;
