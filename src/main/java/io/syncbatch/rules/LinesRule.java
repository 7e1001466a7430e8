package io.syncbatch.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.syncbatch.record.DataRecord;

/**
 * A list of child objects from a child query, such as a sales order's lines. The query's
 * named parameters are bound from the parent record's columns ({@code :OrderNbr}) and the
 * definition's parameters; each child record goes through the nested {@code mapping}. A
 * refused line refuses the record, naming the line: {@code products[1].price}. With
 * {@code values-of} the list holds that one field of each line instead of the line object
 * (a product's category ids).
 *
 * <p>
 * The parent's fingerprint covers only the parent record, so the generic inquiry should
 * carry a column that changes with its lines (a line count or total) for line edits to be
 * exported.
 */
public record LinesRule(String target, @Nullable String query, @Nullable String from, List<MappingRule> mapping,
		@Nullable Boolean required, @Nullable String valuesOf) implements MappingRule {

	public LinesRule {
		RuleSettings.require("lines", "target", target);
		if ((query == null) == (from == null)) {
			throw new IllegalArgumentException("rule 'lines' needs either query (the ERP's child rows) or from (a list"
					+ " field of the record, such as a store order's products)");
		}
		if (mapping == null || mapping.isEmpty()) {
			throw new IllegalArgumentException("rule 'lines' needs mapping");
		}
		mapping = List.copyOf(mapping);
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload)
			throws RecordRejectedException {
		List<DataRecord> children = query != null ? context.childRows(query, record) : listed(record);
		if (children.isEmpty() && !Boolean.FALSE.equals(required)) {
			throw new RecordRejectedException(target, "has no lines (the lines query selected none)");
		}
		List<Object> lines = new ArrayList<>();
		for (int i = 0; i < children.size(); i++) {
			Map<String, Object> line = new LinkedHashMap<>();
			try {
				for (MappingRule rule : mapping) {
					rule.apply(context, children.get(i), line);
				}
			}
			catch (RecordRejectedException refused) {
				throw refused.inside(target, i);
			}
			lines.add(valuesOf == null ? line : line.get(valuesOf));
		}
		TargetPath.put(payload, target, lines);
	}

	/** The items of the record's list field, each a record of its own. */
	@SuppressWarnings("unchecked")
	private List<DataRecord> listed(DataRecord record) throws RecordRejectedException {
		Object items = record.value(java.util.Objects.requireNonNull(from));
		if (items == null) {
			return List.of();
		}
		if (!(items instanceof List<?> list)) {
			throw new RecordRejectedException(target, from + " is not a list");
		}
		List<DataRecord> children = new ArrayList<>();
		for (Object item : list) {
			if (!(item instanceof Map<?, ?> fields)) {
				throw new RecordRejectedException(target, from + " holds an item that is not an object");
			}
			children.add(DataRecord.of((Map<String, Object>) fields));
		}
		return children;
	}

	/**
	 * Only the parent's columns this rule binds are checked up front; the lines' own
	 * columns are checked per run.
	 */
	@Override
	public List<String> targets() {
		return List.of(target);
	}

	@Override
	public List<String> sourceColumns() {
		return from == null ? List.of() : List.of(from);
	}

	@Override
	public List<String> referencedEntities() {
		return mapping.stream().flatMap(rule -> rule.referencedEntities().stream()).toList();
	}
}
