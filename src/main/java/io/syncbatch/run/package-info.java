/**
 * What one running step works for, read from its job parameters, and its committed
 * counts.
 */
@NullMarked
package io.syncbatch.run;

import org.jspecify.annotations.NullMarked;
