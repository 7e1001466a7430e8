/**
 * The BigCommerce platform: its dialect, settings and the resources its published
 * contracts describe.
 */
@NullMarked
package io.syncbatch.connector.bigcommerce;

import org.jspecify.annotations.NullMarked;
