/**
 * A local Magento stand-in over real HTTP, on the sandbox machinery BigCommerce's shares:
 * the admin REST endpoints the engine uses, with Magento's rules and refusals.
 */
@NullMarked
package io.syncbatch.connector.magento.sandbox;

import org.jspecify.annotations.NullMarked;
