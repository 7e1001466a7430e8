package io.syncbatch.testsupport;

import java.util.List;
import java.util.Map;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.definition.Definitions;

/** The definitions as the project ships them in {@code jobs/}, or from any other pattern. */
public final class ProjectDefinitions {

    private ProjectDefinitions() {
    }

    public static Definitions shipped() {
        return load("file:jobs/*.yml");
    }

    public static Definitions load(String pattern) {
        return new Definitions(new SyncbatchProperties(pattern, Map.of(), new SyncbatchProperties.Erp(false),
                new SyncbatchProperties.Api("operator", null), List.of()),
                new PathMatchingResourcePatternResolver());
    }
}
