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
 * The ERP's status of a Magento order, written as a comment on the order ({@code POST
 * /V1/orders/{id}/comments}): "ERP status: Shipping". Magento's own status is left to
 * Magento, which moves it with the order's invoices and shipments and lets a comment set
 * only a status of the order's present state. A comment is added every time it is sent,
 * so the order's comments are read first and an order whose latest ERP status comment
 * already says so gets none: a retry of a comment whose answer was lost adds no second
 * one.
 */
final class MagentoOrderStatusWriter extends OneRecordWriter {

	static final String PREFIX = "ERP status: ";

	private static final String ORDER = OrderDocumentWriter.ORDER;

	private static final String STATUS = "erp_status";

	private final StoreChannel channel;

	MagentoOrderStatusWriter(StoreChannel channel) {
		super(WritePlan.Creation.IN_PLACE, ORDER);
		this.channel = channel;
	}

	@Override
	public @Nullable String forbidden(OutgoingRecord record) {
		if (text(record, STATUS).isBlank()) {
			return STATUS + " is required: the ERP status to show on the order";
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
		String comment = PREFIX + text(record, STATUS);
		JsonNode order = OrderDocumentWriter.order(channel, orderId);
		if (!comment.equals(latestErpStatus(order))) {
			channel.send(HttpMethod.POST, "/V1/orders/{id}/comments", Map.of("id", orderId),
					Map.of("statusHistory", Map.of("comment", comment, "is_customer_notified", 0, "is_visible_on_front",
							0, "parent_id", Long.valueOf(orderId))));
		}
		return orderId;
	}

	/** The newest of the order's comments that tells the ERP's status, or null. */
	private static @Nullable String latestErpStatus(JsonNode order) {
		String latest = null;
		long newest = Long.MIN_VALUE;
		for (JsonNode history : order.path("status_histories")) {
			String comment = history.path("comment").asString("");
			long id = history.path("entity_id").asLong(0);
			if (comment.startsWith(PREFIX) && id > newest) {
				newest = id;
				latest = comment;
			}
		}
		return latest;
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
