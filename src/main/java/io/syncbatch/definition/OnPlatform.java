package io.syncbatch.definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.syncbatch.record.DataRecord;
import io.syncbatch.rules.MappingRule;

/**
 * How one platform differs for a definition. Its store fields may be named differently
 * from the names the mapping rules fill (which are those of the first platform,
 * BigCommerce): a customer's {@code first_name} is Magento's {@code firstname}. Written
 * records are renamed on their way out and store documents read back on their way in, so
 * the rules, the history and the fingerprints keep one vocabulary whatever the store. And
 * a bidirectional entity may go one way only on a platform that cannot yet carry all it
 * needs back.
 *
 * <p>
 * Where a platform's values differ and not only their names (Magento's order statuses are
 * words, BigCommerce's numbers), a rule of the platform's replaces the definition's rule
 * of the same target there: {@code mapping} for the records sent, {@code import.mapping}
 * for the store documents read.
 *
 * @param resource the platform's resource the records go to, where it is not
 * {@code target.resource} (BigCommerce writes an invoice into its order's staff notes,
 * Magento makes an invoice of the order), or null
 * @param rename the definition's field → the platform's, both ways
 * @param omit fields not sent to this platform's resource, which keeps them elsewhere
 * (Magento keeps a customer's phone on its addresses, and shows the default billing
 * address's as the customer's): said in the definition, so that nothing is dropped
 * without the file saying so. They are still read, under their renamed names.
 * @param direction the one way a bidirectional entity goes on this platform, or null for
 * the definition's own direction
 * @param mapping rules replacing the definition's rules of the same targets on this
 * platform
 * @param importing what differs when the platform's documents are imported, or null
 */
public record OnPlatform(@Nullable String resource, Map<String, String> rename, List<String> omit,
		@Nullable SyncDirection direction, List<MappingRule> mapping,
		@JsonProperty("import") @Nullable Importing importing) {

	public static final OnPlatform SAME = new OnPlatform(null, Map.of(), List.of(), null, List.of(), null);

	public OnPlatform(@Nullable String resource, @Nullable Map<String, String> rename, @Nullable List<String> omit,
			@Nullable SyncDirection direction, @Nullable List<MappingRule> mapping, @Nullable Importing importing) {
		this.resource = resource;
		this.rename = rename == null ? Map.of() : Map.copyOf(rename);
		this.omit = omit == null ? List.of() : List.copyOf(omit);
		this.direction = direction;
		this.mapping = mapping == null ? List.of() : List.copyOf(mapping);
		this.importing = importing;
	}

	/**
	 * An import on the platform: how the history names its documents, the rules replacing
	 * the import's rules of the same targets, and the ERP columns the platform's
	 * documents only fill into a new ERP record.
	 *
	 * @param description replaces {@code import.description}, or null to keep it
	 * @param insertOnly added to {@code import.insert-only} on this platform
	 */
	public record Importing(@Nullable String description, List<MappingRule> mapping, List<String> insertOnly) {

		public Importing {
			mapping = mapping == null ? List.of() : List.copyOf(mapping);
			insertOnly = insertOnly == null ? List.of() : List.copyOf(insertOnly);
		}

	}

	/**
	 * Whether the platform changes the resource, rules or descriptions, not only names.
	 */
	boolean changesRules() {
		return resource != null || !mapping.isEmpty() || importing != null;
	}

	/**
	 * The rules as they work on the platform: each of the definition's, or the platform's
	 * rule of the same targets in its place.
	 */
	static List<MappingRule> replaced(List<MappingRule> rules, List<MappingRule> replacements) {
		if (replacements.isEmpty()) {
			return rules;
		}
		List<MappingRule> onPlatform = new ArrayList<>(rules.size());
		for (MappingRule rule : rules) {
			onPlatform.add(replacements.stream()
				.filter(replacement -> replacement.targets().equals(rule.targets()))
				.findFirst()
				.orElse(rule));
		}
		return List.copyOf(onPlatform);
	}

	/** A record's fields as the platform names them. */
	public Map<String, @Nullable Object> outgoing(Map<String, @Nullable Object> payload) {
		if (rename.isEmpty() && omit.isEmpty()) {
			return payload;
		}
		Map<String, @Nullable Object> renamed = new LinkedHashMap<>();
		payload.forEach((field, value) -> {
			if (!omit.contains(field)) {
				renamed.put(rename.getOrDefault(field, field), value);
			}
		});
		return renamed;
	}

	/** A store document's fields as the definition names them. */
	public DataRecord incoming(DataRecord document) {
		if (rename.isEmpty()) {
			return document;
		}
		Map<String, String> back = new LinkedHashMap<>();
		rename.forEach((ours, theirs) -> back.put(theirs.toLowerCase(Locale.ROOT), ours));
		Map<String, @Nullable Object> fields = new LinkedHashMap<>();
		document.fields()
			.forEach((field, value) -> fields.put(back.getOrDefault(field.toLowerCase(Locale.ROOT), field), value));
		return DataRecord.of(fields);
	}

}
