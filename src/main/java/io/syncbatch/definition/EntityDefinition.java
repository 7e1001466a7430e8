package io.syncbatch.definition;

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
        List<FilterCondition> exportFilter,
        List<MappingRule> mapping,
        TargetSpec target,
        Integer chunkSize,
        Integer maxAttempts,
        String origin) {

    static final int DEFAULT_CHUNK_SIZE = 100;
    static final int DEFAULT_MAX_ATTEMPTS = 3;

    public EntityDefinition {
        exportFilter = exportFilter == null ? List.of() : List.copyOf(exportFilter);
        mapping = mapping == null ? List.of() : List.copyOf(mapping);
        chunkSize = chunkSize == null ? DEFAULT_CHUNK_SIZE : chunkSize;
        maxAttempts = maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
    }

    public String exportJobName() {
        return entity + "-export";
    }

    EntityDefinition withOrigin(String newOrigin) {
        return new EntityDefinition(entity, description, source, exportFilter, mapping, target, chunkSize,
                maxAttempts, newOrigin);
    }
}
