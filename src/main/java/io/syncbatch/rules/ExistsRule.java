package io.syncbatch.rules;

import java.util.List;
import java.util.Map;

import io.syncbatch.record.DataRecord;

/**
 * A value that must name a record the ERP has, copied as it is: an imported order line's
 * {@code sku} must be an {@code InventoryCD} of {@code InventoryItem}. A value the ERP
 * does not have refuses the record, naming the field, the value and the table, instead of
 * writing a line that points at nothing.
 *
 * @param table the ERP table ({@code InventoryItem}), in the record's company
 * @param column the column the value must be found in ({@code InventoryCD})
 */
public record ExistsRule(String target, String from, String table, String column) implements MappingRule {

	public ExistsRule {
		RuleSettings.require("exists", "target", target, "from", from, "table", table, "column", column);
		// Written into SQL: names only, never values.
		for (String name : List.of(table, column)) {
			if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
				throw new IllegalArgumentException("rule 'exists': '" + name + "' is not a plain table or column name");
			}
		}
	}

	@Override
	public void apply(MappingContext context, DataRecord record, Map<String, Object> payload)
			throws RecordRejectedException {
		String value = SourceText.required(record, from, target);
		if (!context.erpHas(table, column, value)) {
			throw new RecordRejectedException(target,
					from + " '" + value + "' is no " + column + " of ERP table " + table);
		}
		TargetPath.put(payload, target, value);
	}

	@Override
	public List<String> targets() {
		return List.of(target);
	}

	@Override
	public List<String> sourceColumns() {
		return List.of(from);
	}

}
