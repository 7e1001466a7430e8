package io.syncbatch.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

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
 * @param origin where the definition was read from, so errors can name the file
 */
public record EntityDefinition(String entity, @Nullable String description, SourceQuery source,
		List<BatchFilter> batchFilters, List<FilterCondition> exportFilter, List<MappingRule> mapping,
		TargetSpec target, SyncDirection direction, @Nullable PrimarySystem primary, List<String> dependsOn,
		Integer chunkSize, Integer maxAttempts, @Nullable String origin) {

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
	}

	/**
	 * The batch filters the definition declares, plus {@code ids} on the key column that
	 * every entity has.
	 */
	public List<BatchFilter> allBatchFilters() {
		List<BatchFilter> all = new ArrayList<>(batchFilters);
		all.add(new BatchFilter(BatchFilter.IDS, source.key(), BatchFilter.Match.IN, BatchFilter.ValueType.TEXT));
		return all;
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
		mapping.forEach(rule -> referenced.addAll(rule.referencedEntities()));
		referenced.remove(entity);
		return referenced;
	}

	/**
	 * Whether records refer to records of this same entity (a category to its parent
	 * category).
	 */
	public boolean refersToItself() {
		return mapping.stream().anyMatch(rule -> rule.referencedEntities().contains(entity));
	}

	/** Where the definition came from, for messages. */
	public String origin() {
		return origin == null ? "jobs/" + entity + ".yml" : origin;
	}

	EntityDefinition withOrigin(String newOrigin) {
		return new EntityDefinition(entity, description, source, batchFilters, exportFilter, mapping, target, direction,
				primary, dependsOn, chunkSize, maxAttempts, newOrigin);
	}

}
