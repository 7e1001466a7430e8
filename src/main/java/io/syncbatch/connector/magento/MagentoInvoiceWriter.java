package io.syncbatch.connector.magento;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.syncbatch.connector.MalformedAnswerException;
import io.syncbatch.connector.OutgoingRecord;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.StoreRejectedException;
import tools.jackson.databind.JsonNode;

/**
 * Invoices of Magento orders: {@code POST /V1/order/{orderId}/invoice} for what is left
 * to invoice, when that is the ERP invoice's amount, without capture (Magento then
 * records the invoice as paid offline, as its admin does), with the ERP's invoice number
 * as its comment, by which it is found again ({@link OrderDocumentWriter}).
 */
final class MagentoInvoiceWriter extends OrderDocumentWriter {

	private static final String AMOUNT = "amount";

	MagentoInvoiceWriter(StoreChannel channel) {
		super(channel, "invoice", "/V1/invoices", "comment");
	}

	@Override
	String created(OutgoingRecord record) {
		billsWhatIsLeft(record);
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

	/**
	 * Magento invoices what is left to bill of the order (its grand total less what is
	 * invoiced); an ERP invoice of another amount bills a part, whose lines the ERP
	 * invoice does not give, and is refused rather than billing the whole order.
	 */
	private void billsWhatIsLeft(OutgoingRecord record) {
		String orderId = text(record, ORDER);
		JsonNode order = order(channel(), orderId);
		if (!order.path("grand_total").isNumber()) {
			throw new MalformedAnswerException("GET /V1/orders/" + orderId + " on store " + channel().storeName()
					+ " answered an order without a grand_total");
		}
		JsonNode invoiced = order.path("total_invoiced");
		BigDecimal left = order.path("grand_total")
			.decimalValue()
			.subtract(invoiced.isNumber() ? invoiced.decimalValue() : BigDecimal.ZERO);
		BigDecimal amount = new BigDecimal(text(record, AMOUNT));
		if (left.compareTo(amount) != 0) {
			throw new StoreRejectedException("ERP invoice of " + amount.stripTrailingZeros().toPlainString()
					+ " for Magento order " + order.path("increment_id").asString(orderId) + ", which has "
					+ left.stripTrailingZeros().toPlainString() + " left to invoice: Magento invoices what is left, and"
					+ " a part of an order needs its lines, which the ERP invoice does not give; invoice it in"
					+ " Magento's admin");
		}
	}

}
