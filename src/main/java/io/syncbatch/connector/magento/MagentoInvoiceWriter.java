package io.syncbatch.connector.magento;

import java.util.LinkedHashMap;
import java.util.Map;

import io.syncbatch.connector.OutgoingRecord;
import io.syncbatch.connector.StoreChannel;
import tools.jackson.databind.JsonNode;

/**
 * Invoices of Magento orders: {@code POST /V1/order/{orderId}/invoice} for what is left
 * to invoice, not captured (the ERP's invoice records a bill, not a payment taken), with
 * the ERP's invoice number as its comment, by which it is found again
 * ({@link OrderDocumentWriter}).
 */
final class MagentoInvoiceWriter extends OrderDocumentWriter {

	MagentoInvoiceWriter(StoreChannel channel) {
		super(channel, "invoice", "/V1/invoices", "comment");
	}

	@Override
	String created(OutgoingRecord record) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("capture", false);
		body.put("notify", false);
		body.put("appendComment", true);
		body.put("comment", comment(record));
		return made("invoice", record, body);
	}

	/**
	 * The invoice's comment is its whole payload besides the order: nothing else changes.
	 */
	@Override
	void stillSame(JsonNode invoice, OutgoingRecord record) {
	}

}
