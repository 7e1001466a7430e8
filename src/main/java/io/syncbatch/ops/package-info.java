/**
 * What operators use: the command line, the REST API, security, cron schedules, batch
 * processes and sync refresh.
 */
@NullMarked
package io.syncbatch.ops;

import org.jspecify.annotations.NullMarked;
