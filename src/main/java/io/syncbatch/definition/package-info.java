/**
 * Entity definitions read from {@code jobs/*.yml}: source query, target, filters, mapping
 * rules and direction.
 */
@NullMarked
package io.syncbatch.definition;

import org.jspecify.annotations.NullMarked;
