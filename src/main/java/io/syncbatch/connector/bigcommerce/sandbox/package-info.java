/**
 * A local BigCommerce stand-in over real HTTP, serving the v2 and v3 endpoints the engine
 * uses, with their rules.
 */
@NullMarked
package io.syncbatch.connector.bigcommerce.sandbox;

import org.jspecify.annotations.NullMarked;
