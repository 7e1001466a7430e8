/**
 * Reading an entity's generic inquiry from the ERP database: keyset pages, key lookups
 * and query checks.
 */
@NullMarked
package io.syncbatch.erp;

import org.jspecify.annotations.NullMarked;
