package io.syncbatch.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.unit.DataSize;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.definition.Definitions;

/**
 * The definitions as the project ships them in {@code jobs/}, or from any other pattern.
 */
public final class ProjectDefinitions {

	private ProjectDefinitions() {
	}

	public static Definitions shipped() {
		return load("file:jobs/*.yml");
	}

	public static Definitions load(String pattern) {
		return new Definitions(
				new SyncbatchProperties(pattern, Map.of(), null, new SyncbatchProperties.Erp(false),
						new SyncbatchProperties.Api("operator", null, new SyncbatchProperties.Viewer("viewer", null),
								Duration.ofMinutes(10),
								new SyncbatchProperties.LoginThrottle(10, Duration.ofMinutes(1), 10_000),
								DataSize.ofKilobytes(64), new SyncbatchProperties.HistoryPaging(100, 1000)),
						List.of(), new SyncbatchProperties.Prepare(Duration.ofMinutes(1), 1000),
						new SyncbatchProperties.Process(1),
						new SyncbatchProperties.Retry(4, 200, 2, 10000, Duration.ofMinutes(5)),
						new SyncbatchProperties.Metrics(Duration.ofSeconds(10)),
						new SyncbatchProperties.Refresh(500, 10_000),
						new SyncbatchProperties.Inbox("X-Syncbatch-Secret", null, Duration.ofMillis(200), 500,
								Duration.ofDays(30), null, DataSize.ofMegabytes(1))),
				new PathMatchingResourcePatternResolver());
	}

}
