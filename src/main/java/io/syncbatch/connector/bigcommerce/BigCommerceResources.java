package io.syncbatch.connector.bigcommerce;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.syncbatch.connector.bigcommerce.BigCommerceResource.Lookup;
import io.syncbatch.connector.bigcommerce.BigCommerceResource.Write;

/**
 * The BigCommerce resources a definition's {@code target.resource} can name, each as its
 * contract in contracts/bigcommerce describes it. Lookups use the only filters the
 * contracts offer: products can be searched by one {@code sku}, orders only by customer,
 * and shipments not at all, so those are matched on the field that carries the ERP
 * number.
 */
final class BigCommerceResources {

	private static final Map<String, BigCommerceResource> BY_NAME = index(
			// customers.v3: batches both ways; the store refuses a second customer with
			// the same email; DELETE takes id:in.
			new BigCommerceResource("customers", "/v3/customers", Write.BATCH, Write.BATCH,
					new Lookup(Map.of("email:in", "email"), List.of("email"), true, true), Set.of(), true,
					"customers.v3.yml"),
			// customers.v3: a customer's addresses have no unique field, so an address is
			// its customer plus street.
			new BigCommerceResource("customer-addresses", "/v3/customers/addresses", Write.BATCH, Write.BATCH,
					new Lookup(Map.of("customer_id:in", "customer_id"),
							List.of("customer_id", "address1", "postal_code"), true, false),
					Set.of(), false, "customers.v3.yml"),
			// catalog.v3: POST takes one product, PUT a list; sku is unique.
			new BigCommerceResource("products", "/v3/catalog/products", Write.SINGLE, Write.BATCH,
					new Lookup(Map.of("sku", "sku"), List.of("sku"), false, false), Set.of(), false, "catalog.v3.yml"),
			// catalog.v3: one category per request; a name is unique under its parent.
			new BigCommerceResource("categories", "/v3/catalog/categories", Write.SINGLE, Write.BY_ID,
					new Lookup(ordered("name", "name", "parent_id", "parent_id"), List.of("name", "parent_id"), false,
							false),
					Set.of(), false, "catalog.v3.yml"),
			// orders.v2: external_id holds the ERP order and can only be written on POST.
			// Lines go with the POST only: changing them later needs the store's own
			// order product ids.
			new BigCommerceResource("orders", "/v2/orders", Write.SINGLE, Write.BY_ID,
					new Lookup(Map.of("customer_id", "customer_id"), List.of("external_id"), false, false),
					Set.of("external_id", "products"), false, "orders.v2.oas2.yml"),
			// orders.v2: shipments have no external reference; the ERP shipment number
			// goes in comments.
			new BigCommerceResource("order-shipments", "/v2/orders/{order_id}/shipments", Write.SINGLE, Write.BY_ID,
					new Lookup(Map.of(), List.of("comments"), false, false), Set.of("items"), false,
					"orders.v2.oas2.yml"),
			// orders.v2: status and staff notes are fields of the order itself.
			new BigCommerceResource("order-status", "/v2/orders/{order_id}", Write.IN_PLACE, Write.IN_PLACE,
					Lookup.NONE, Set.of(), false, "orders.v2.oas2.yml"),
			new BigCommerceResource("order-staff-notes", "/v2/orders/{order_id}", Write.IN_PLACE, Write.IN_PLACE,
					Lookup.NONE, Set.of(), false, "orders.v2.oas2.yml"));

	private BigCommerceResources() {
	}

	static Set<String> names() {
		return BY_NAME.keySet();
	}

	static BigCommerceResource named(String name) {
		BigCommerceResource resource = BY_NAME.get(name);
		if (resource == null) {
			throw new IllegalArgumentException("target.resource '" + name + "' is not a BigCommerce resource"
					+ " syncbatch can write; known: " + BY_NAME.keySet());
		}
		return resource;
	}

	private static Map<String, String> ordered(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	private static Map<String, BigCommerceResource> index(BigCommerceResource... resources) {
		Map<String, BigCommerceResource> byName = new LinkedHashMap<>();
		for (BigCommerceResource resource : resources) {
			byName.put(resource.name(), resource);
		}
		return Collections.unmodifiableMap(byName);
	}

}
