package io.syncbatch.connector.magento;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

import io.syncbatch.connector.OutgoingRecord;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.WritePlan;
import tools.jackson.databind.JsonNode;

/**
 * The ERP's status of a Magento order, set as Magento's admin sets one: a comment on the
 * order with the new status ({@code POST /V1/orders/{id}/comments}). A comment is added
 * every time it is sent, so the order is read first and an order already in that status
 * gets none: a retry of a comment whose answer was lost adds no second one.
 */
final class MagentoOrderStatusWriter extends OneRecordWriter {

	private static final String ORDER = OrderDocumentWriter.ORDER;

	private static final String STATUS = "status";

	private final StoreChannel channel;

	MagentoOrderStatusWriter(StoreChannel channel) {
		super(WritePlan.Creation.IN_PLACE, ORDER);
		this.channel = channel;
	}

	@Override
	public @Nullable String forbidden(OutgoingRecord record) {
		if (text(record, STATUS).isBlank()) {
			return "status is required: the Magento order status to set";
		}
		return notAnId(record, ORDER, "order");
	}

	@Override
	String created(OutgoingRecord record) {
		return updated(record);
	}

	@Override
	String updated(OutgoingRecord record) {
		String orderId = text(record, ORDER);
		String status = text(record, STATUS);
		JsonNode order = channel.send(HttpMethod.GET, "/V1/orders/{id}", Map.of("id", orderId), null);
		if (!status.equals(order.path(STATUS).asString(""))) {
			channel.send(HttpMethod.POST, "/V1/orders/{id}/comments", Map.of("id", orderId),
					Map.of("statusHistory", Map.of("comment", "Status set from the ERP: " + status, STATUS, status,
							"is_customer_notified", 0, "is_visible_on_front", 0, "parent_id", Long.valueOf(orderId))));
		}
		return orderId;
	}

	/** Nothing to find: the status is written onto the order. */
	@Override
	public Map<String, String> lookup(List<OutgoingRecord> records) {
		return Map.of();
	}

	@Override
	public String naturalKey(OutgoingRecord record) {
		return "order " + text(record, ORDER);
	}

}
