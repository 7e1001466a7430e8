package io.syncbatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The embedded default's H2 databases open no network listener: H2's AUTO_SERVER mode
 * listens on every interface with user {@code sa} and no password, and announces its
 * address in a {@code .lock.db} file beside the database.
 */
class EmbeddedDatabasesOffTheNetworkTest {

	@TempDir
	Path dataDir;

	@Test
	void theEmbeddedDefaultsH2DatabasesAnnounceNoServer() throws Exception {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("syncbatch.data-dir", dataDir.toString())));
		for (PropertySource<?> source : new YamlPropertySourceLoader().load("embedded",
				new ClassPathResource("application-embedded.yml"))) {
			environment.getPropertySources().addLast(source);
		}
		List<String> urls = List.of(environment.getRequiredProperty("spring.datasource.url"),
				environment.getRequiredProperty("syncbatch.erp.datasource.url"));

		for (String url : urls) {
			assertThat(url.toUpperCase()).as(url).doesNotContain("AUTO_SERVER=TRUE");
			try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
				assertThat(connection.isValid(1)).isTrue();
				assertThat(serverAnnouncements()).as("no H2 lock file announces a TCP server for " + url).isEmpty();
			}
		}
	}

	private List<String> serverAnnouncements() throws IOException {
		try (Stream<Path> files = Files.list(dataDir)) {
			return files.filter(file -> file.getFileName().toString().endsWith(".lock.db")).flatMap(file -> {
				try {
					return Files.readAllLines(file).stream().filter(line -> line.startsWith("server="));
				}
				catch (IOException e) {
					throw new IllegalStateException(e);
				}
			}).toList();
		}
	}

}
