/**
 * Operator configuration under {@code syncbatch.*} and the ERP data source beside the
 * sync database.
 */
@NullMarked
package io.syncbatch.config;

import org.jspecify.annotations.NullMarked;
