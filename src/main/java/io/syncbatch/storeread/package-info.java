/**
 * Reading the store for imports: store documents as records of the import's source, with
 * the fingerprint of what the import reads of them.
 */
@NullMarked
package io.syncbatch.storeread;

import org.jspecify.annotations.NullMarked;
