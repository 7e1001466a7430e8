/**
 * The store side shared by every platform: connections, HTTP channel, rate limits,
 * retries and the upsert algorithm.
 */
@NullMarked
package io.syncbatch.connector;

import org.jspecify.annotations.NullMarked;
