/**
 * Configured secrets (store tokens, database and operator passwords, anything whose
 * property name says it is one) kept out of everything the engine stores, returns or
 * logs.
 */
@NullMarked
package io.syncbatch.secrets;

import org.jspecify.annotations.NullMarked;
