/**
 * Magento 2 (Adobe Commerce) over its admin REST API ({@code /rest/<store code>/V1}), as
 * its published admin schema describes it: how a request is authenticated (an
 * integration's OAuth 1.0a signature, or a bearer token), how its refusals read, and how
 * a search is read page by page; and the resources written so far: customers (also read),
 * their addresses, categories and products.
 */
@NullMarked
package io.syncbatch.connector.magento;

import org.jspecify.annotations.NullMarked;
