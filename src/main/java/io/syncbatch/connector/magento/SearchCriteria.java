package io.syncbatch.connector.magento;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A Magento search ({@code searchCriteria}) as the query parameters a list endpoint
 * reads: one filter and one sort order, which is what the published admin schema declares
 * (Magento reads more groups and orders, but a request the contract does not describe
 * could not be checked against it). Every field and value travels as a URI variable, so
 * an email with a {@code +} or an {@code &} is encoded, never spliced into the query.
 *
 * @param filter the items wanted, or null for all
 * @param sort the order of the items, or null for the store's own
 * @param pageSize items per page, at most {@link #LARGEST_PAGE}
 */
record SearchCriteria(@Nullable Filter filter, @Nullable Sort sort, int pageSize) {

	/** The most items Magento answers on a page. */
	static final int LARGEST_PAGE = 300;

	/**
	 * @param conditionType as Magento names them: {@code eq}, {@code in} (the value a
	 * comma-separated list), {@code gteq}, {@code like}…
	 */
	record Filter(String field, String conditionType, String value) {
	}

	record Sort(String field, boolean ascending) {
	}

	/** The query of one page: the template and its variables. */
	record Page(String query, Map<String, Object> variables) {
	}

	SearchCriteria {
		if (pageSize < 1 || pageSize > LARGEST_PAGE) {
			// Magento would answer 300 items to a larger page, and a reader counting on
			// pageSize items a page would skip the rest.
			throw new IllegalArgumentException("a Magento page holds 1 to " + LARGEST_PAGE + " items, not " + pageSize);
		}
	}

	/** The query of a page, counted from 1. */
	Page page(int currentPage) {
		List<String> parameters = new ArrayList<>();
		Map<String, Object> variables = new LinkedHashMap<>();
		if (filter != null) {
			String at = "searchCriteria[filterGroups][0][filters][0]";
			parameters.add(at + "[field]={field}");
			parameters.add(at + "[value]={value}");
			parameters.add(at + "[conditionType]={conditionType}");
			variables.put("field", filter.field());
			variables.put("value", filter.value());
			variables.put("conditionType", filter.conditionType());
		}
		if (sort != null) {
			parameters.add("searchCriteria[sortOrders][0][field]={sortField}");
			parameters.add("searchCriteria[sortOrders][0][direction]={sortDirection}");
			variables.put("sortField", sort.field());
			variables.put("sortDirection", sort.ascending() ? "ASC" : "DESC");
		}
		parameters.add("searchCriteria[pageSize]=" + pageSize);
		parameters.add("searchCriteria[currentPage]=" + currentPage);
		return new Page(String.join("&", parameters), variables);
	}

}
