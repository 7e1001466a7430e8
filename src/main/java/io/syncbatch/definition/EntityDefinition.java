package io.syncbatch.definition;

import java.util.ArrayList;
import java.util.List;

import io.syncbatch.process.mapping.MappingRule;

/**
 * One {@code jobs/<entity>.yml}: everything the generic job factory needs to build that entity's jobs.
 *
 * @param origin where the definition was read from, so errors can name the file
 */
public record EntityDefinition(
        String entity,
        String description,
        SourceQuery source,
        List<BatchFilter> batchFilters,
        List<FilterCondition> exportFilter,
        List<MappingRule> mapping,
        TargetSpec target,
        Integer chunkSize,
        Integer maxAttempts,
        String origin) {

    static final int DEFAULT_CHUNK_SIZE = 100;
    static final int DEFAULT_MAX_ATTEMPTS = 3;

    public EntityDefinition {
        batchFilters = batchFilters == null ? List.of() : List.copyOf(batchFilters);
        exportFilter = exportFilter == null ? List.of() : List.copyOf(exportFilter);
        mapping = mapping == null ? List.of() : List.copyOf(mapping);
        chunkSize = chunkSize == null ? DEFAULT_CHUNK_SIZE : chunkSize;
        maxAttempts = maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
    }

    /** The batch filters the definition declares, plus {@code ids} on the key column that every entity has. */
    public List<BatchFilter> allBatchFilters() {
        List<BatchFilter> all = new ArrayList<>(batchFilters);
        all.add(new BatchFilter(BatchFilter.IDS, source.key(), BatchFilter.Match.IN, BatchFilter.ValueType.TEXT));
        return all;
    }

    public String exportJobName() {
        return entity + "-export";
    }

    EntityDefinition withOrigin(String newOrigin) {
        return new EntityDefinition(entity, description, source, batchFilters, exportFilter, mapping, target,
                chunkSize, maxAttempts, newOrigin);
    }
}
