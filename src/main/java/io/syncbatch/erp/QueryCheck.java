package io.syncbatch.erp;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import io.syncbatch.definition.DefinitionException;
import io.syncbatch.definition.EntityDefinition;
import io.syncbatch.rules.FilterCondition;
import io.syncbatch.rules.LinesRule;
import io.syncbatch.rules.MappingRule;
import io.syncbatch.rules.RecordFilter;

/**
 * Runs a definition's query once with no rows wanted, so a broken query or a misspelt
 * column stops a launch with the file and field named, before the job repository records
 * anything.
 */
@Component
public class QueryCheck {

	private final ErpSource erp;

	public QueryCheck(ErpSource erp) {
		this.erp = erp;
	}

	public void check(EntityDefinition definition, Map<String, Object> queryParameters) {
		Map<String, Integer> columns;
		try {
			columns = erp.columnTypes(definition, queryParameters);
		}
		catch (ErpUnreachableException unreachable) {
			// Not a fault of the definition: the ERP is not there to check it against.
			throw unreachable;
		}
		catch (RuntimeException e) {
			throw new DefinitionException(
					definition.origin() + ": source.query fails on the ERP database: " + rootMessage(e), e);
		}
		Set<String> problems = new LinkedHashSet<>();
		columnsUsed(definition).forEach((field, column) -> {
			if (!columns.containsKey(column)) {
				problems.add(field + " '" + column + "' is not a column of source.query");
			}
		});
		if (!problems.isEmpty()) {
			throw new DefinitionException(definition.origin() + ": " + String.join("; ", problems) + " (its columns: "
					+ columns.keySet() + ")");
		}
		for (int i = 0; i < definition.exportFilter().size(); i++) {
			FilterCondition condition = definition.exportFilter().get(i);
			int at = i;
			RecordFilter.valueProblem(condition, Objects.requireNonNull(columns.get(condition.field())))
				.ifPresent(problem -> problems.add("export-filter[" + at + "]: " + problem));
		}
		checkLines(definition.mapping(), "mapping", columns, queryParameters, problems);
		if (!problems.isEmpty()) {
			throw new DefinitionException(definition.origin() + ": " + String.join("; ", problems));
		}
	}

	/**
	 * A lines rule's query runs with the parent's columns as parameters; its rules must
	 * read its own columns.
	 */
	private void checkLines(List<MappingRule> rules, String at, Map<String, Integer> parentColumns,
			Map<String, Object> queryParameters, Set<String> problems) {
		for (int i = 0; i < rules.size(); i++) {
			if (!(rules.get(i) instanceof LinesRule lines) || lines.query() == null) {
				continue;
			}
			String here = at + "[" + i + "]";
			Map<String, Object> parameters = new HashMap<>(queryParameters);
			parentColumns.keySet().forEach(column -> parameters.put(column, null));
			Map<String, Integer> columns;
			try {
				columns = erp.columnTypes(java.util.Objects.requireNonNull(lines.query()), parameters);
			}
			catch (ErpUnreachableException unreachable) {
				throw unreachable;
			}
			catch (RuntimeException e) {
				problems.add(here + ".query fails on the ERP database: " + rootMessage(e));
				continue;
			}
			for (int j = 0; j < lines.mapping().size(); j++) {
				for (String column : lines.mapping().get(j).sourceColumns()) {
					if (!columns.containsKey(column)) {
						problems.add(here + ".mapping[" + j + "] column '" + column
								+ "' is not a column of its query (its columns: " + columns.keySet() + ")");
					}
				}
			}
			if (lines.valuesOf() != null
					&& lines.mapping().stream().noneMatch(rule -> rule.targets().contains(lines.valuesOf()))) {
				problems.add(here + ".values-of '" + lines.valuesOf() + "' is not a target of its mapping");
			}
			checkLines(lines.mapping(), here + ".mapping", columns, queryParameters, problems);
		}
	}

	private static Map<String, String> columnsUsed(EntityDefinition definition) {
		Map<String, String> used = new LinkedHashMap<>();
		used.put("source.key", definition.source().key());
		used.put("source.change-column", definition.source().changeColumn());
		if (definition.source().description() != null) {
			used.put("source.description", definition.source().description());
		}
		for (int i = 0; i < definition.exportFilter().size(); i++) {
			used.put("export-filter[" + i + "].field", definition.exportFilter().get(i).field());
		}
		for (int i = 0; i < definition.batchFilters().size(); i++) {
			used.put("batch-filters[" + i + "].column", definition.batchFilters().get(i).column());
		}
		for (int i = 0; i < definition.mapping().size(); i++) {
			for (String column : definition.mapping().get(i).sourceColumns()) {
				used.put("mapping[" + i + "] column", column);
			}
		}
		definition.target().platforms().forEach((platform, there) -> {
			for (int i = 0; i < there.mapping().size(); i++) {
				for (String column : there.mapping().get(i).sourceColumns()) {
					used.put("target.platforms." + platform + ".mapping[" + i + "] column", column);
				}
			}
		});
		return used;
	}

	private static @Nullable String rootMessage(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage();
	}

}
