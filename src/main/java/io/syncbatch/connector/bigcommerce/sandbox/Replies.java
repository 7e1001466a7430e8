package io.syncbatch.connector.bigcommerce.sandbox;

import java.util.List;
import java.util.Map;

import io.syncbatch.connector.sandbox.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two shapes BigCommerce answers in. v3 wraps everything in {@code {"data": ...,
 * "meta": ...}} and reports errors as {@code {status, title, type, errors}}; v2 answers
 * bare objects and arrays, 204 with no body for an empty list, and errors as
 * {@code [{"status": 400, "message": "..."}]}.
 */
final class Replies {

	static final String ERROR_TYPE = "https://developer.bigcommerce.com/api#api-status-codes";

	private final JsonMapper mapper;

	Replies(JsonMapper mapper) {
		this.mapper = mapper;
	}

	Reply v3Object(JsonNode data) {
		ObjectNode root = mapper.createObjectNode();
		root.set("data", data);
		root.putObject("meta");
		return Reply.ok(root);
	}

	/** A batch answer: the items written, with empty meta. */
	Reply v3Batch(List<ObjectNode> items) {
		ObjectNode root = mapper.createObjectNode();
		ArrayNode data = root.putArray("data");
		items.forEach(data::add);
		root.putObject("meta");
		return Reply.ok(root);
	}

	/** One page of a filtered collection, with BigCommerce's pagination block. */
	Reply v3Page(List<ObjectNode> matching, PageRequest request) {
		List<ObjectNode> slice = request.slice(matching);
		int page = request.page();
		int limit = request.limit();
		int totalPages = request.totalPages(matching.size());
		ObjectNode root = mapper.createObjectNode();
		ArrayNode data = root.putArray("data");
		slice.forEach(node -> data.add(node.deepCopy()));
		ObjectNode pagination = root.putObject("meta").putObject("pagination");
		pagination.put("total", matching.size());
		pagination.put("count", slice.size());
		pagination.put("per_page", limit);
		pagination.put("current_page", page);
		pagination.put("total_pages", totalPages);
		ObjectNode links = pagination.putObject("links");
		if (page > 1) {
			links.put("previous", "?page=" + (page - 1) + "&limit=" + limit);
		}
		links.put("current", "?page=" + page + "&limit=" + limit);
		if (page < totalPages) {
			links.put("next", "?page=" + (page + 1) + "&limit=" + limit);
		}
		return Reply.ok(root);
	}

	Reply v2Object(int status, JsonNode body) {
		return new Reply(status, body);
	}

	/**
	 * v2 pages a list with page/limit and answers 204 when the page is empty, as the real
	 * v2 API does.
	 */
	Reply v2Page(List<? extends JsonNode> all, PageRequest request) {
		List<? extends JsonNode> slice = request.slice(all);
		if (slice.isEmpty()) {
			return Reply.noContent();
		}
		ArrayNode array = mapper.createArrayNode();
		slice.forEach(node -> array.add(node.deepCopy()));
		return Reply.ok(array);
	}

	Reply v3Error(int status, String title, Map<String, String> errors) {
		ObjectNode root = mapper.createObjectNode();
		root.put("status", status);
		root.put("title", title);
		root.put("type", ERROR_TYPE);
		ObjectNode errorFields = root.putObject("errors");
		errors.forEach(errorFields::put);
		return new Reply(status, root);
	}

	/** v2 has no field map, so field errors are spelled out in the one message. */
	Reply v2Error(int status, String title, Map<String, String> errors) {
		StringBuilder message = new StringBuilder(title);
		if (!errors.isEmpty()) {
			message.append(':');
			errors.forEach((field, error) -> message.append(' ').append(field).append(": ").append(error).append(';'));
			message.setLength(message.length() - 1);
		}
		ArrayNode root = mapper.createArrayNode();
		root.addObject().put("status", status).put("message", message.toString());
		return new Reply(status, root);
	}

}
