package io.syncbatch.connector.bigcommerce.sandbox;

import java.util.List;

import io.syncbatch.connector.sandbox.StoreData;

/**
 * The tables of the BigCommerce sandbox's
 * {@link io.syncbatch.connector.sandbox.StoreData}.
 */
final class SandboxTables {

	static final String CUSTOMERS = "customers";

	static final String ADDRESSES = "addresses";

	static final String CATEGORIES = "categories";

	static final String PRODUCTS = "products";

	static final String ORDERS = "orders";

	static final String ORDER_PRODUCTS = "order_products";

	static final String ORDER_ADDRESSES = "order_addresses";

	static final String SHIPMENTS = "shipments";

	static final String HOOKS = "hooks";

	static final List<String> ALL = List.of(CUSTOMERS, ADDRESSES, CATEGORIES, PRODUCTS, ORDERS, ORDER_PRODUCTS,
			ORDER_ADDRESSES, SHIPMENTS, HOOKS);

	/** What its data file says it is. */
	static final String FORMAT = "syncbatch-sandbox-store/2";

	private SandboxTables() {
	}

}
