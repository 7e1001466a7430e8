/**
 * The prepare step: reads changed source rows, marks them prepared and finally advances
 * the watermark.
 */
@NullMarked
package io.syncbatch.prepare;

import org.jspecify.annotations.NullMarked;
