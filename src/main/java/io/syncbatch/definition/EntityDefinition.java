package io.syncbatch.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.syncbatch.rules.FilterCondition;
import io.syncbatch.rules.MappingRule;

/**
 * One {@code jobs/<entity>.yml}: everything the generic job factory needs to build that
 * entity's jobs.
 *
 * @param direction which way records flow; export unless the definition says otherwise
 * @param primary for a bidirectional entity, the system whose version wins when both
 * sides changed
 * @param dependsOn entities to sync before this one although no mapping rule refers to
 * them
 * @param importing the import half ({@code import:}): required when records flow from the
 * store to the ERP
 * @param syncModes how the entity's sync is started: {@code real-time} (the inbox's
 * messages), {@code scheduled} ({@code serve}'s schedules), {@code on-event}; all three
 * unless the definition says otherwise
 * @param events with {@code on-event}, the events that launch the entity's jobs
 * ({@code POST /api/events/{event}}, {@code event <name>}), e.g. {@code shift-closed}
 * @param origin where the definition was read from, so errors can name the file
 */
public record EntityDefinition(String entity, @Nullable String description, SourceQuery source,
		List<BatchFilter> batchFilters, List<FilterCondition> exportFilter, List<MappingRule> mapping,
		TargetSpec target, @JsonProperty("import") @Nullable ImportSpec importing, SyncDirection direction,
		@Nullable PrimarySystem primary, List<String> dependsOn, Integer chunkSize, Integer maxAttempts,
		List<SyncMode> syncModes, List<String> events, @Nullable String origin) {

	/** An import's filter on the store's modification date, from (a day, or a time). */
	public static final String MODIFIED_FROM = "modifiedFrom";

	/** An import's filter on the store's modification date, to (a day means its end). */
	public static final String MODIFIED_TO = "modifiedTo";

	static final int DEFAULT_CHUNK_SIZE = 100;

	static final int DEFAULT_MAX_ATTEMPTS = 3;

	public EntityDefinition {
		batchFilters = batchFilters == null ? List.of() : List.copyOf(batchFilters);
		exportFilter = exportFilter == null ? List.of() : List.copyOf(exportFilter);
		mapping = mapping == null ? List.of() : List.copyOf(mapping);
		dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
		direction = direction == null ? SyncDirection.EXPORT : direction;
		chunkSize = chunkSize == null ? DEFAULT_CHUNK_SIZE : chunkSize;
		maxAttempts = maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
		syncModes = syncModes == null || syncModes.isEmpty() ? List.of(SyncMode.values()) : List.copyOf(syncModes);
		events = events == null ? List.of() : List.copyOf(events);
	}

	/** Whether its sync is started this way. */
	public boolean syncs(SyncMode mode) {
		return syncModes.contains(mode);
	}

	/**
	 * The batch filters of one way: for an export the ones the definition declares on its
	 * query, plus {@code ids} on the key column that every entity has; for an import
	 * {@code ids}, the store ids, and {@code modifiedFrom} and {@code modifiedTo}, the
	 * store's own modification date.
	 */
	public List<BatchFilter> allBatchFilters(SyncDirection way) {
		if (way == SyncDirection.IMPORT) {
			return List.of(
					new BatchFilter(MODIFIED_FROM, "date_modified", BatchFilter.Match.FROM, BatchFilter.ValueType.DATE),
					new BatchFilter(MODIFIED_TO, "date_modified", BatchFilter.Match.TO, BatchFilter.ValueType.DATE),
					new BatchFilter(BatchFilter.IDS, "id", BatchFilter.Match.IN, BatchFilter.ValueType.TEXT));
		}
		List<BatchFilter> all = new ArrayList<>(batchFilters);
		all.add(new BatchFilter(BatchFilter.IDS, source.key(), BatchFilter.Match.IN, BatchFilter.ValueType.TEXT));
		return all;
	}

	/**
	 * The filtering conditions of one way: export filtering on the ERP row, import
	 * filtering on the store document.
	 */
	public List<FilterCondition> filter(SyncDirection way) {
		return way == SyncDirection.IMPORT ? importSpec().filter() : exportFilter;
	}

	/**
	 * The mapping rules of one way: ERP row → store payload, or store document → ERP
	 * columns.
	 */
	public List<MappingRule> mapping(SyncDirection way) {
		return way == SyncDirection.IMPORT ? importSpec().mapping() : mapping;
	}

	/**
	 * The import half.
	 * @throws IllegalStateException for a definition without one (checked at start-up for
	 * every definition that imports)
	 */
	public ImportSpec importSpec() {
		if (importing == null) {
			throw new IllegalStateException(origin() + " has no import section");
		}
		return importing;
	}

	/**
	 * The generic inquiry whose push notifications announce this entity's ERP changes:
	 * {@code source.inquiry}, or {@code syncbatch-<entity>}.
	 */
	public String inquiryName() {
		return source.inquiry() != null ? source.inquiry() : "syncbatch-" + entity;
	}

	/** Whether records flow both ways, each side's changes reaching the other. */
	public boolean bidirectional() {
		return direction == SyncDirection.BIDIRECTIONAL;
	}

	/**
	 * The definition as it works on a platform: a bidirectional entity that goes one way
	 * there ({@code target.platforms.<platform>.direction}) without the other way's part,
	 * and the platform's rules in place of the definition's of the same targets.
	 */
	public EntityDefinition on(String platform) {
		OnPlatform there = target.on(platform);
		SyncDirection way = there.direction();
		if ((way == null || way == direction) && !there.changesRules()) {
			return this;
		}
		SyncDirection goes = way == null ? direction : way;
		ImportSpec importsThere = goes.ways().contains(SyncDirection.IMPORT) ? importOn(there) : null;
		List<MappingRule> rulesThere = OnPlatform.replaced(mapping, there.mapping());
		TargetSpec targetThere = there.resource() == null ? target
				: new TargetSpec(there.resource(), target.onDelete(), target.platforms(), target.oneStore());
		return new EntityDefinition(entity, description, source, batchFilters, exportFilter, rulesThere, targetThere,
				importsThere, goes, goes == direction ? primary : null, dependsOn, chunkSize, maxAttempts, syncModes,
				events, origin);
	}

	private @Nullable ImportSpec importOn(OnPlatform there) {
		OnPlatform.Importing differs = there.importing();
		if (importing == null || differs == null) {
			return importing;
		}
		List<String> insertOnly = new ArrayList<>(importing.insertOnly());
		insertOnly.addAll(differs.insertOnly());
		return new ImportSpec(importing.resource(),
				differs.description() == null ? importing.description() : differs.description(), importing.storeKey(),
				importing.filter(), OnPlatform.replaced(importing.mapping(), differs.mapping()), importing.erpTarget(),
				insertOnly);
	}

	/** The jobs this entity has: one per direction it flows. */
	public List<EntityJob> jobs() {
		return direction.ways().stream().map(way -> new EntityJob(this, way)).toList();
	}

	/** This entity's job in one direction, e.g. {@code customer-export}. */
	public EntityJob job(SyncDirection way) {
		return new EntityJob(this, way);
	}

	/**
	 * Entities to sync before this one: those its records refer to (a sales order's
	 * customer and products) and those named in {@code depends-on}. A category's parent
	 * is another category: that reference orders records inside one run, not entities.
	 */
	public Set<String> dependencies() {
		Set<String> referenced = new TreeSet<>(dependsOn);
		direction.ways().forEach(way -> mapping(way).forEach(rule -> referenced.addAll(rule.referencedEntities())));
		target.platforms().values().forEach(there -> {
			there.mapping().forEach(rule -> referenced.addAll(rule.referencedEntities()));
			if (there.importing() != null) {
				there.importing().mapping().forEach(rule -> referenced.addAll(rule.referencedEntities()));
			}
		});
		referenced.remove(entity);
		return referenced;
	}

	/**
	 * Whether records flowing this way refer to records of this same entity (a category
	 * to its parent category).
	 */
	public boolean refersToItself(SyncDirection way) {
		return mapping(way).stream().anyMatch(rule -> rule.referencedEntities().contains(entity));
	}

	/** Where the definition came from, for messages. */
	public String origin() {
		return origin == null ? "jobs/" + entity + ".yml" : origin;
	}

	EntityDefinition withOrigin(String newOrigin) {
		return new EntityDefinition(entity, description, source, batchFilters, exportFilter, mapping, target, importing,
				direction, primary, dependsOn, chunkSize, maxAttempts, syncModes, events, newOrigin);
	}

}
