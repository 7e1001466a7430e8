package io.syncbatch.definition;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.syncbatch.erpwrite.ErpTarget;
import io.syncbatch.record.DataRecord;
import io.syncbatch.record.Whitespace;
import io.syncbatch.rules.FilterCondition;
import io.syncbatch.rules.MappingRule;
import io.syncbatch.rules.Template;

/**
 * The import half of a definition ({@code import:} in {@code jobs/<entity>.yml}): which
 * store resource is read, the import filtering conditions, the mapping rules from a store
 * document to ERP columns, and where those are written.
 *
 * @param resource the store resource read, e.g. {@code customers}; its platform reads
 * what changed by the store's own modification date
 * @param description how the history names a store record, a template of its fields
 * ({@code "{first_name} {last_name}"})
 * @param storeKey what a new ERP record keeps as its key when
 * {@code erp-target.keep-store-key} is on (seed 003's "Use Id in customer data as the
 * mapping"): a store field ({@code id}) or a template of fields ({@code "BC{id}"}); a
 * store record without them gets the next number of its class's sequence
 * @param filter the import filtering conditions, on the store document's fields
 * @param mapping store document fields → ERP columns
 * @param erpTarget the ERP table the records are written to
 * @param insertOnly ERP columns written only into a new ERP record: once the ERP has the
 * record they are the ERP's, and a store that cannot hold them (Magento keeps no company
 * for a customer without a billing address) or words them coarser (Magento's order
 * statuses) does not overwrite them
 */
public record ImportSpec(String resource, @Nullable String description, @Nullable String storeKey,
		List<FilterCondition> filter, List<MappingRule> mapping, ErpTarget erpTarget, List<String> insertOnly) {

	public ImportSpec {
		filter = filter == null ? List.of() : List.copyOf(filter);
		mapping = mapping == null ? List.of() : List.copyOf(mapping);
		insertOnly = insertOnly == null ? List.of() : List.copyOf(insertOnly);
	}

	/**
	 * The store fields the import reads: those of its mapping rules, its filtering
	 * conditions and its store key. A change to any other field is nothing worth
	 * importing, so a store record's fingerprint covers only these.
	 */
	public Set<String> readFields() {
		Set<String> fields = new LinkedHashSet<>();
		mapping.forEach(rule -> fields.addAll(rule.sourceColumns()));
		filter.forEach(condition -> fields.add(condition.field()));
		if (storeKey != null) {
			fields.addAll(storeKeyTemplate(storeKey).fields());
		}
		return fields;
	}

	/**
	 * The key a new ERP record made of this store record keeps, or null when there is no
	 * store key or the record lacks one of its fields.
	 */
	public @Nullable String storeKeyOf(DataRecord record) {
		if (storeKey == null) {
			return null;
		}
		Template template = storeKeyTemplate(storeKey);
		for (String field : template.fields()) {
			String value = record.text(field);
			if (value == null || value.isBlank()) {
				return null;
			}
		}
		return template.render(record);
	}

	private static Template storeKeyTemplate(String storeKey) {
		return new Template(storeKey.contains("{") ? storeKey : "{" + storeKey + "}");
	}

	/** The history's name of a store record: its description template filled in. */
	public @Nullable String describe(DataRecord record) {
		if (description == null) {
			return null;
		}
		String described = Whitespace.collapsed(new Template(description).render(record));
		return described.isEmpty() ? null : described;
	}

}
