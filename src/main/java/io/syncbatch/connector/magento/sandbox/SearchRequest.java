package io.syncbatch.connector.magento.sandbox;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import io.syncbatch.connector.sandbox.SandboxRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A search's {@code searchCriteria}, as Magento reads the one filter and the one sort
 * order the published schema declares: the items it selects, sorted, one page of them,
 * and a page past the last answered with the last page again, as Magento does.
 */
final class SearchRequest {

	static final String FILTER = "searchCriteria[filterGroups][0][filters][0]";

	static final String SORT = "searchCriteria[sortOrders][0]";

	static final Set<String> PARAMETERS = Set.of(FILTER + "[field]", FILTER + "[value]", FILTER + "[conditionType]",
			SORT + "[field]", SORT + "[direction]", "searchCriteria[pageSize]", "searchCriteria[currentPage]");

	private final Map<String, String> query;

	private final Map<String, String> fields;

	/**
	 * @param fields the fields a search may filter and sort by, as the search names them
	 * → as the item holds them ({@code entity_id} → {@code id})
	 */
	SearchRequest(SandboxRequest request, Map<String, String> fields) {
		this.query = request.query();
		this.fields = fields;
	}

	ObjectNode answer(List<ObjectNode> all, JsonMapper mapper) {
		List<ObjectNode> matching = all.stream().filter(filter()).sorted(order()).toList();
		int pageSize = number("searchCriteria[pageSize]", 300);
		int currentPage = number("searchCriteria[currentPage]", 1);
		int pages = Math.max(1, (matching.size() + pageSize - 1) / pageSize);
		int page = Math.min(currentPage, pages);
		ObjectNode answer = mapper.createObjectNode();
		ArrayNode items = answer.putArray("items");
		matching.stream()
			.skip((long) (page - 1) * pageSize)
			.limit(pageSize)
			.forEach(item -> items.add(item.deepCopy()));
		ObjectNode criteria = answer.putObject("search_criteria");
		criteria.put("page_size", pageSize);
		criteria.put("current_page", currentPage);
		answer.put("total_count", matching.size());
		return answer;
	}

	private Predicate<ObjectNode> filter() {
		String field = query.get(FILTER + "[field]");
		if (field == null) {
			return item -> true;
		}
		String value = query.getOrDefault(FILTER + "[value]", "");
		String condition = query.getOrDefault(FILTER + "[conditionType]", "eq");
		String held = held(field);
		return item -> {
			String actual = text(item, held);
			return switch (condition) {
				case "eq" -> compare(actual, value) == 0;
				case "neq" -> compare(actual, value) != 0;
				case "in" -> List.of(value.split(",")).stream().anyMatch(one -> compare(actual, one.strip()) == 0);
				case "gteq" -> compare(actual, value) >= 0;
				case "gt" -> compare(actual, value) > 0;
				case "lteq" -> compare(actual, value) <= 0;
				case "lt" -> compare(actual, value) < 0;
				default -> throw MagentoRefusal.invalid("condition_type", condition);
			};
		};
	}

	private Comparator<ObjectNode> order() {
		String field = query.get(SORT + "[field]");
		Comparator<ObjectNode> byId = Comparator.comparingInt(item -> item.path("id").intValue());
		if (field == null) {
			return byId;
		}
		String held = held(field);
		Comparator<ObjectNode> byField = (a, b) -> compare(text(a, held), text(b, held));
		boolean descending = "DESC".equalsIgnoreCase(query.getOrDefault(SORT + "[direction]", "ASC"));
		// Ties in MySQL's order are undefined; the id keeps the sandbox's the same twice.
		return (descending ? byField.reversed() : byField).thenComparing(byId);
	}

	private String held(String field) {
		String held = fields.get(field);
		if (held == null) {
			throw MagentoRefusal.invalid("field", field);
		}
		return held;
	}

	private static @Nullable String text(JsonNode item, String field) {
		JsonNode value = item.path(field);
		return value.isMissingNode() || value.isNull() ? null : value.asString();
	}

	/**
	 * Numbers as numbers, everything else as MySQL's default collation compares it:
	 * without regard to case.
	 */
	private static int compare(@Nullable String a, @Nullable String b) {
		if (a == null || b == null) {
			return a == null ? (b == null ? 0 : -1) : 1;
		}
		if (a.matches("\\d{1,18}") && b.matches("\\d{1,18}")) {
			return Long.compare(Long.parseLong(a), Long.parseLong(b));
		}
		return a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
	}

	private int number(String parameter, int otherwise) {
		String value = query.get(parameter);
		if (value == null) {
			return otherwise;
		}
		if (!value.matches("\\d{1,9}") || Integer.parseInt(value) < 1) {
			throw MagentoRefusal.invalid(parameter, value);
		}
		return Math.min(Integer.parseInt(value), parameter.endsWith("[pageSize]") ? 300 : Integer.MAX_VALUE);
	}

}
