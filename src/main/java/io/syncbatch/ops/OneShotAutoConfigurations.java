package io.syncbatch.ops;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * A one-shot command (everything but {@code serve}) leaves out the auto-configurations
 * only the service uses: Actuator's endpoints and health, JVM, system and log meters,
 * security, the web server and its clients' meters, task executors and schedulers. They
 * cost a command start-up time and do nothing in a process that exits when its work is
 * done. The databases, Flyway, Batch, transactions, JSON, the store's HTTP client and the
 * meter and observation registries the jobs record into stay; the command-line
 * integration tests start every command this way.
 */
public class OneShotAutoConfigurations implements AutoConfigurationImportFilter, EnvironmentAware {

	/** Set by the launcher for every command but {@code serve}. */
	public static final String PROPERTY = "syncbatch.one-shot-command";

	private static final String BOOT = "org.springframework.boot.";

	/** Parts of the names of Spring Boot's auto-configurations that serve the service. */
	private static final List<String> SERVICE_ONLY = List.of("actuate.", "health.", "security.", "webmvc.", "tomcat.",
			"servlet.", ".web.", "metrics.autoconfigure.jvm.", "metrics.autoconfigure.system.",
			"metrics.autoconfigure.logging.", "metrics.autoconfigure.startup.", "metrics.autoconfigure.ssl.",
			"metrics.autoconfigure.task.", "MetricsEndpoint", "HttpClientMetrics", "DataSourcePoolMetrics",
			"autoconfigure.ssl.", "autoconfigure.task.", "autoconfigure.availability.", "autoconfigure.info.",
			"ScheduledTasksObservation", "RestTemplate", "JdbcClient", "sbom.");

	private boolean oneShot;

	@Override
	public void setEnvironment(Environment environment) {
		this.oneShot = environment.getProperty(PROPERTY, Boolean.class, false);
	}

	@Override
	public boolean[] match(@Nullable String[] autoConfigurationClasses,
			AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < matches.length; i++) {
			String name = autoConfigurationClasses[i];
			matches[i] = !oneShot || name == null || !serviceOnly(name);
		}
		return matches;
	}

	private static boolean serviceOnly(String autoConfiguration) {
		return autoConfiguration.startsWith(BOOT)
				&& SERVICE_ONLY.stream().anyMatch(autoConfiguration.substring(BOOT.length())::contains);
	}

}
