/**
 * The syncbatch application: its entry point, which runs one operator command or the
 * long-lived service.
 */
@NullMarked
package io.syncbatch;

import org.jspecify.annotations.NullMarked;
