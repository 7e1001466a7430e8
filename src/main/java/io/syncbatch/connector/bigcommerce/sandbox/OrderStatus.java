package io.syncbatch.connector.bigcommerce.sandbox;

import java.util.List;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * BigCommerce's fifteen standard order statuses, with the names, descriptions and display
 * order the published contract lists for {@code GET /v2/order_statuses}.
 */
record OrderStatus(int id, String name, String description, int order) {

	static final int PENDING = 1;
	static final int SHIPPED = 2;
	static final int PARTIALLY_SHIPPED = 3;
	static final int AWAITING_FULFILLMENT = 11;

	static final List<OrderStatus> ALL = List.of(
			new OrderStatus(0, "Incomplete",
					"An incomplete order happens when a shopper reached the payment page,"
							+ " but did not complete the transaction.",
					0),
			new OrderStatus(1, "Pending", "Customer started the checkout process, but did not complete it.", 1),
			new OrderStatus(2, "Shipped",
					"Order has been shipped, but receipt has not been confirmed; seller has used"
							+ " the Ship Items action.",
					8),
			new OrderStatus(3, "Partially Shipped",
					"Only some items in the order have been shipped, due to some"
							+ " products being pre-order only or other reasons.",
					6),
			new OrderStatus(4, "Refunded", "Seller has used the Refund action.", 11),
			new OrderStatus(5, "Cancelled",
					"Seller has cancelled an order, due to a stock inconsistency or other" + " reasons.", 9),
			new OrderStatus(6, "Declined",
					"Seller has marked the order as declined for lack of manual payment, or" + " other reasons.", 10),
			new OrderStatus(7, "Awaiting Payment",
					"Customer has completed checkout process, but payment has yet to be" + " confirmed.", 2),
			new OrderStatus(8, "Awaiting Pickup",
					"Order has been pulled, and is awaiting customer pickup from a" + " seller-specified location.", 5),
			new OrderStatus(9, "Awaiting Shipment",
					"Order has been pulled and packaged, and is awaiting collection" + " from a shipping provider.", 4),
			new OrderStatus(10, "Completed",
					"Client has paid for their digital product and their file(s) are" + " available for download.", 7),
			new OrderStatus(11, "Awaiting Fulfillment",
					"Customer has completed the checkout process and payment has" + " been confirmed.", 3),
			new OrderStatus(12, "Manual Verification Required",
					"Order on hold while some aspect needs to be manually" + " confirmed.", 13),
			new OrderStatus(13, "Disputed",
					"Customer has initiated a dispute resolution process for the PayPal"
							+ " transaction that paid for the order.",
					12),
			new OrderStatus(14, "Partially Refunded", "Seller has partially refunded the order.", 14));

	static Optional<OrderStatus> byId(int id) {
		return id >= 0 && id < ALL.size() ? Optional.of(ALL.get(id)) : Optional.empty();
	}

	static String nameOf(int id) {
		return byId(id).map(OrderStatus::name).orElseThrow();
	}

	ObjectNode toJson(JsonMapper mapper) {
		ObjectNode node = mapper.createObjectNode();
		node.put("id", id);
		node.put("name", name);
		node.put("system_label", name);
		node.put("custom_label", name);
		node.put("system_description", description);
		node.put("order", order);
		return node;
	}
}
