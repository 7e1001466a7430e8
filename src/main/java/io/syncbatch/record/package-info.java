/** Records of either side as fields by name, and their fingerprints. */
@NullMarked
package io.syncbatch.record;

import org.jspecify.annotations.NullMarked;
