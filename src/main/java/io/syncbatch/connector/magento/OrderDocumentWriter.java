package io.syncbatch.connector.magento;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;

import io.syncbatch.connector.OutgoingRecord;
import io.syncbatch.connector.StoreChannel;
import io.syncbatch.connector.StoreRejectedException;
import io.syncbatch.connector.WritePlan;
import tools.jackson.databind.JsonNode;

/**
 * A document Magento makes of an order and keeps as it was made: a shipment ({@code POST
 * /V1/order/{orderId}/ship}) or an invoice ({@code POST /V1/order/{orderId}/invoice}).
 * Neither request is idempotent, and neither document has a field for another system's
 * reference, so the ERP's ("Acumatica shipment 000123", which the definition fills) is
 * the document's comment, and before a document is created the order's documents are
 * searched for that comment: a request whose answer was lost made it already, and a
 * second one would ship or bill the order twice.
 */
abstract class OrderDocumentWriter extends OneRecordWriter {

	static final String ORDER = "order_id";

	private final StoreChannel channel;

	private final String kind;

	private final String search;

	private final String reference;

	/**
	 * @param kind what the document is, for messages: {@code shipment}
	 * @param search where the documents are searched: {@code /V1/shipments}
	 * @param reference the payload field holding the ERP's reference, written as the
	 * document's comment
	 */
	OrderDocumentWriter(StoreChannel channel, String kind, String search, String reference) {
		super(WritePlan.Creation.LOOKUP_FIRST, ORDER, reference);
		this.channel = channel;
		this.kind = kind;
		this.search = search;
		this.reference = reference;
	}

	@Override
	public @Nullable String forbidden(OutgoingRecord record) {
		String notAnOrder = notAnId(record, ORDER, "order");
		if (notAnOrder != null) {
			return notAnOrder;
		}
		if (text(record, reference).isBlank()) {
			return reference + " is required: it is how a Magento " + kind + " is found again after a lost answer";
		}
		return null;
	}

	/** The order's document whose comment is the record's reference, if one only. */
	@Override
	public Map<String, String> lookup(List<OutgoingRecord> records) {
		Map<String, String> found = new HashMap<>();
		for (OutgoingRecord record : records) {
			List<String> ids = documents(ORDER, text(record, ORDER)).stream()
				.filter(document -> referenceOf(document, record))
				.map(document -> MagentoIds.of(document, kind, "GET " + search, channel, "entity_id"))
				.toList();
			if (ids.size() == 1) {
				found.put(record.key(), ids.get(0));
			}
			else if (ids.size() > 1) {
				// Made twice already (by hand?): a third would ship or bill again.
				throw new StoreRejectedException("Magento order " + text(record, ORDER) + " has " + ids.size() + " "
						+ kind + "s " + ids + " with the comment '" + text(record, reference)
						+ "'; none is taken for the ERP's and none is made: keep one in Magento's admin");
			}
		}
		return found;
	}

	/**
	 * A document once made stays as it was: an update finds it, still on its order, and
	 * lets the writer say whether what changed in the ERP can reach it.
	 */
	@Override
	final String updated(OutgoingRecord record) {
		String id = Objects.requireNonNull(record.externalId());
		List<JsonNode> found = documents("entity_id", id);
		if (found.isEmpty()) {
			throw new StoreRejectedException(kind + " " + id + " is no longer in store " + channel.storeName());
		}
		JsonNode document = found.get(0);
		if (!document.path(ORDER).asString().equals(text(record, ORDER))) {
			throw new StoreRejectedException(kind + " " + id + " is of Magento order " + document.path(ORDER) + ", not "
					+ text(record, ORDER) + ": Magento cannot move a " + kind + " to another order");
		}
		stillSame(document, record);
		return id;
	}

	/**
	 * @throws StoreRejectedException when the record changed in a way the document, which
	 * Magento keeps as made, cannot show
	 */
	abstract void stillSame(JsonNode document, OutgoingRecord record);

	@Override
	public String naturalKey(OutgoingRecord record) {
		return reference + " '" + text(record, reference) + "' on order " + text(record, ORDER);
	}

	/**
	 * Makes the order's document: {@code POST /V1/order/{orderId}/ship} or
	 * {@code …/invoice}, which answers the new document's id.
	 */
	String made(String verb, OutgoingRecord record, Map<String, Object> body) {
		String orderId = text(record, ORDER);
		JsonNode answer = channel.send(HttpMethod.POST, "/V1/order/{orderId}/" + verb, Map.of("orderId", orderId),
				body);
		if (!answer.isIntegralNumber()) {
			throw new StoreRejectedException("POST /V1/order/" + orderId + "/" + verb + " on store "
					+ channel.storeName() + " answered " + answer + " instead of the new " + kind + "'s id");
		}
		return String.valueOf(answer.longValue());
	}

	/** The order as {@code GET /V1/orders/{id}} answers it, its items and totals. */
	static JsonNode order(StoreChannel channel, String orderId) {
		return channel.send(HttpMethod.GET, "/V1/orders/{id}", Map.of("id", orderId), null);
	}

	/** The comment written with a new document: the ERP's reference. */
	Map<String, Object> comment(OutgoingRecord record) {
		return Map.of("comment", text(record, reference), "is_visible_on_front", 0);
	}

	StoreChannel channel() {
		return channel;
	}

	private boolean referenceOf(JsonNode document, OutgoingRecord record) {
		for (JsonNode comment : document.path("comments")) {
			if (comment.path("comment").asString("").equals(text(record, reference))) {
				return true;
			}
		}
		return false;
	}

	private List<JsonNode> documents(String field, String value) {
		List<JsonNode> documents = new ArrayList<>();
		MagentoSearch.forEach(channel, search,
				new SearchCriteria(new SearchCriteria.Filter(field, "eq", value), null, SearchCriteria.LARGEST_PAGE),
				documents::add);
		return documents;
	}

}
