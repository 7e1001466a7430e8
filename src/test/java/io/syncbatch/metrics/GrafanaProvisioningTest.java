package io.syncbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Grafana started with {@code GF_PATHS_PROVISIONING=grafana} finds the datasource and the
 * dashboard, and the dashboard refers only to what is provisioned. (Whether its queries
 * return the right figures is {@link DashboardOnPrometheusIT}'s business, against a real
 * Prometheus.)
 */
class GrafanaProvisioningTest {

	private static final Path GRAFANA = Path.of("grafana");

	private static final Set<String> GRAFANA_VARIABLES = Set.of("__rate_interval", "__range", "__interval");

	private final JsonNode dashboard = JsonMapper.builder()
		.build()
		.readTree(read(GRAFANA.resolve("dashboards/syncbatch.json")));

	@Test
	void theDatasourceAndTheDashboardProviderAreWhereGrafanaLooksForThem() {
		Map<String, Object> datasources = yaml("datasources/prometheus.yml");
		List<Map<String, Object>> sources = list(datasources.get("datasources"));
		assertThat(sources).singleElement().satisfies(source -> {
			assertThat(source).containsEntry("type", "prometheus").containsEntry("uid", datasourceUid());
		});
		List<Map<String, Object>> providers = list(yaml("dashboards/syncbatch.yml").get("providers"));
		assertThat(providers).singleElement()
			.satisfies(provider -> assertThat(provider.get("options"))
				.isEqualTo(Map.of("path", "${GF_PATHS_PROVISIONING}/dashboards", "foldersFromFilesStructure", false)));
	}

	@Test
	void everyPanelAndQueryUsesTheProvisionedDatasourceAndDefinedVariables() {
		Set<String> defined = new HashSet<>(GRAFANA_VARIABLES);
		dashboard.path("templating").path("list").forEach(variable -> {
			defined.add(variable.path("name").asString());
			assertThat(variable.path("datasource").path("uid").asString()).isEqualTo(datasourceUid());
		});
		List<JsonNode> panels = panels();
		assertThat(panels).isNotEmpty().allSatisfy(panel -> {
			assertThat(panel.path("datasource").path("uid").asString()).as(title(panel)).isEqualTo(datasourceUid());
			assertThat(panel.path("description").asString()).as(title(panel)).isNotBlank();
			assertThat(panel.path("targets")).as(title(panel)).isNotEmpty();
			panel.path("targets").forEach(target -> {
				assertThat(target.path("datasource").path("uid").asString()).isEqualTo(datasourceUid());
				Matcher variable = Pattern.compile("\\$(\\w+)").matcher(target.path("expr").asString());
				while (variable.find()) {
					assertThat(defined).as("%s uses $%s", title(panel), variable.group(1)).contains(variable.group(1));
				}
			});
		});
		assertThat(panels.stream().map(GrafanaProvisioningTest::title).distinct()).as("titles identify panels")
			.hasSameSizeAs(panels);
	}

	@Test
	void theReadmeDescribesEveryPanel() {
		String readme = read(Path.of("README.md"));
		assertThat(panels()).allSatisfy(panel -> assertThat(readme).contains("| " + title(panel) + " |"));
	}

	private List<JsonNode> panels() {
		List<JsonNode> panels = new ArrayList<>();
		for (JsonNode panel : dashboard.path("panels")) {
			if (!"row".equals(panel.path("type").asString())) {
				panels.add(panel);
			}
		}
		return panels;
	}

	private String datasourceUid() {
		return "syncbatch-prometheus";
	}

	private static String title(JsonNode panel) {
		return panel.path("title").asString();
	}

	private static Map<String, Object> yaml(String file) {
		return new Yaml().load(read(GRAFANA.resolve(file)));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (List<Map<String, Object>>) value;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException e) {
			throw new AssertionError("cannot read " + file, e);
		}
	}

}
