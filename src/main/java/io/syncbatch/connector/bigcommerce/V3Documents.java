package io.syncbatch.connector.bigcommerce;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.MalformedAnswerException;
import io.syncbatch.connector.ResourceReader.StoreDocument;
import tools.jackson.databind.JsonNode;

/**
 * Reads the records of one answer of a V3 collection ({@code {"data": [...], "meta":
 * {"pagination": ...}}}), or of a write's answer, into store documents; what a record
 * holds is the subclass's.
 */
abstract sealed class V3Documents permits AddressDocuments, CustomerDocuments {

	/** What was asked, for messages: "GET /v3/customers?… on store main". */
	private final String request;

	/** What the records are, for messages: "customers". */
	private final String plural;

	V3Documents(String request, String plural) {
		this.request = request;
		this.plural = plural;
	}

	final V3Pagination pagination(JsonNode answer) {
		return V3Pagination.of(answer, this::malformed);
	}

	final List<StoreDocument> documents(JsonNode answer) {
		JsonNode data = answer.path("data");
		if (!data.isArray()) {
			throw malformed("has no data list of " + plural);
		}
		List<StoreDocument> documents = new ArrayList<>(data.size());
		for (int i = 0; i < data.size(); i++) {
			documents.add(document(data.get(i), "data[" + i + "]"));
		}
		return documents;
	}

	/**
	 * A record of a write's answer, read as a page of them reads it; null when the answer
	 * does not hold a whole record, which the write itself does not need.
	 */
	final @Nullable StoreDocument answered(JsonNode record) {
		try {
			return document(record, "data");
		}
		catch (MalformedAnswerException incomplete) {
			return null;
		}
	}

	/**
	 * @param at where the record is in the answer, for messages: "data[3]"
	 * @throws MalformedAnswerException when it lacks what a document needs
	 */
	abstract StoreDocument document(JsonNode record, String at);

	final MalformedAnswerException malformed(String what) {
		return new MalformedAnswerException("the answer to " + request + " " + what);
	}

	static String abbreviate(String text) {
		return text.length() <= 100 ? text : text.substring(0, 100) + "…";
	}

}
