/** Filtering conditions and mapping rules a definition applies to each record. */
@NullMarked
package io.syncbatch.rules;

import org.jspecify.annotations.NullMarked;
