package io.syncbatch.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.syncbatch.testsupport.ContractValidatedStore;
import io.syncbatch.testsupport.PrometheusServer;
import io.syncbatch.testsupport.PrometheusServer.Sample;
import io.syncbatch.testsupport.SyncbatchProcess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Given the demo company, a store that answers slowly, asks once to wait for its rate
 * limit and fails once, and the packaged service scraped every second by a real
 * Prometheus; when customer-export runs twice (the first run, then a full run that finds
 * nothing changed); then every query of the Grafana dashboard, evaluated by Prometheus,
 * returns one series per entity (or status, or store) with the values those runs
 * produced, as the operator API, the sync history and the store's request log tell them.
 */
class DashboardOnPrometheusIT {

	private static final Path DASHBOARD = Path.of("grafana/dashboards/syncbatch.json");

	private static final String PASSWORD = "dashboard-it";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

	@RegisterExtension
	static final ContractValidatedStore STORE = ContractValidatedStore.start();

	@TempDir
	Path workDir;

	private final HttpClient http = HttpClient.newHttpClient();

	private static final String ERP_SECRET = "erp-" + UUID.randomUUID();

	private int appPort;

	@Test
	void everyDashboardQueryShowsWhatTheRunsDid() throws Exception {
		Path prometheusBinary = PrometheusServer.requireBinary();
		givenAStoreThatIsSlowRateLimitsOnceAndFailsOnce();
		Process app = startService();
		try (PrometheusServer prometheus = PrometheusServer.start(prometheusBinary, workDir.resolve("prometheus"),
				"127.0.0.1:" + appPort, "/actuator/prometheus", SCRAPE_INTERVAL)) {
			double started = now();
			prometheus.await("a first scrape of the service", Duration.ofMinutes(2),
					() -> !prometheus.query("syncbatch_records_prepared_total", now()).isEmpty());

			JsonNode first = runToTheEnd("{}");
			JsonNode second = runToTheEnd("{\"mode\":\"full\"}");
			notifyTwiceOfAnInquiryNoEntityIsExportedFrom();

			double lastEnd = epochSeconds(second.path("end").asString());
			prometheus.await("a scrape after the runs", Duration.ofSeconds(30),
					() -> lastScrape(prometheus) > lastEnd + SCRAPE_INTERVAL.toSeconds());
			double at = lastScrape(prometheus);
			String wholeTest = (long) Math.ceil(at - started + 60) + "s";

			Map<String, Consumer<List<Sample>>> expectations = expectations(first, second, at);
			List<String> checked = new ArrayList<>();
			for (DashboardQuery query : dashboardQueries()) {
				// Evaluated at a scrape's own time over a window that starts before the
				// service's first scrape (every counter then at 0), Prometheus's
				// increase() extrapolates nothing: the values are exact.
				String promql = query.expr()
					.replace("$__rate_interval", wholeTest)
					.replace("$__range", wholeTest)
					.replace("$store", ".*")
					.replace("$entity", ".*")
					.replace("$direction", ".*");
				assertThat(expectations).as("an expectation for dashboard query %s", query.id())
					.containsKey(query.id());
				List<Sample> samples = prometheus.query(promql, at);
				assertThat(samples).as("%s: %s", query.id(), promql).isNotEmpty();
				expectations.get(query.id()).accept(samples);
				checked.add(query.id());
			}
			assertThat(checked).as("every expectation belongs to a dashboard query")
				.containsExactlyInAnyOrderElementsOf(expectations.keySet());

			assertThat(prometheus.query("max_over_time(spring_batch_job_active_seconds_count"
					+ "{spring_batch_job_name=\"customer-export\"}[" + wholeTest + "])", at))
				.as("a scrape saw a run in progress")
				.singleElement()
				.satisfies(sample -> assertThat(sample.value()).isEqualTo(1.0));
			assertTemplateVariablesList(prometheus);
		}
		finally {
			app.destroy();
			app.waitFor(30, TimeUnit.SECONDS);
		}
	}

	private void givenAStoreThatIsSlowRateLimitsOnceAndFailsOnce() {
		// Slow enough that a run spans several scrapes.
		STORE.wireMock().setGlobalFixedDelay(300);
		STORE.wireMock()
			.stubFor(post(urlPathMatching(".*/v3/customers")).atPriority(10)
				.inScenario("faults")
				.whenScenarioStateIs(STARTED)
				.willSetStateTo("rate limited")
				.willReturn(aResponse().withStatus(429).withHeader("X-Rate-Limit-Time-Reset-Ms", "700")));
		STORE.wireMock()
			.stubFor(post(urlPathMatching(".*/v3/customers")).atPriority(10)
				.inScenario("faults")
				.whenScenarioStateIs("rate limited")
				.willSetStateTo("recovered")
				.willReturn(aResponse().withStatus(503)));
	}

	/**
	 * What each dashboard query must return, by "panel title/refId", from the API, the
	 * history and the store.
	 */
	private Map<String, Consumer<List<Sample>>> expectations(JsonNode first, JsonNode second, double at)
			throws Exception {
		List<JsonNode> history = new ArrayList<>();
		api("GET", "/api/history/customer", null).forEach(history::add);
		long historyFailed = history.stream().filter(r -> "FAILED".equals(r.path("status").asString())).count();
		long rateLimited = STORE.wireMock()
			.getAllServeEvents()
			.stream()
			.filter(event -> event.getResponse().getStatus() == 429)
			.count();
		long unavailable = STORE.wireMock()
			.getAllServeEvents()
			.stream()
			.filter(event -> event.getResponse().getStatus() == 503)
			.count();
		assertThat(rateLimited).as("the store asked once to wait").isEqualTo(1);
		assertThat(first.path("prepared").asLong()).as("the first run prepared every ERP customer")
			.isEqualTo(history.size());

		Map<String, Consumer<List<Sample>>> expected = new LinkedHashMap<>();
		Consumer<List<Sample>> prepared = customerOnly(sum("prepared", first, second));
		Consumer<List<Sample>> processed = customerOnly(sum("processed", first, second));
		Consumer<List<Sample>> failed = customerOnly(sum("failed", first, second));
		expected.put("Prepared vs processed/A", prepared);
		expected.put("Prepared vs processed/B", processed);
		expected.put("Records in the time range/A", prepared);
		expected.put("Records in the time range/B", processed);
		expected.put("Records in the time range/C", customerOnly(sum("filtered", first, second)));
		expected.put("Records in the time range/D", failed);
		// Both runs read every ERP customer; what they did not prepare was skipped as
		// unchanged.
		expected.put("Records in the time range/E",
				customerOnly(2.0 * history.size() - sum("prepared", first, second)));
		expected.put("Failed records/A", failed);
		expected.put("Store retries and rate-limit waits/A", byStore(rateLimited + unavailable));
		expected.put("Store retries and rate-limit waits/B", byStore(rateLimited));
		// The 700 ms the store asked for, less the retry's own backoff (200 ms) that had
		// already passed.
		expected.put("Store retries and rate-limit waits/C", samples -> {
			assertThat(samples).extracting(s -> s.label("store")).containsExactlyInAnyOrder("sandbox", "magento");
			samples.forEach(s -> assertThat(s.value()).as("%s", s.labels())
				.satisfies(value -> assertThat(value).isBetween(s.label("store").equals("sandbox") ? 0.3 : 0.0,
						s.label("store").equals("sandbox") ? 0.8 : 0.0)));
		});
		expected.put("Backlog by status/A", samples -> {
			assertThat(samples).hasSize(entities().size() * 4);
			samples.forEach(s -> assertThat(s.value()).as("%s", s.labels())
				.isEqualTo(s.label("entity").equals("customer") && s.label("status").equals("FAILED") ? historyFailed
						: 0));
		});
		double lastEnd = epochSeconds(second.path("end").asString());
		expected.put("Time since last completed run/A", samples -> {
			assertThat(entitiesOf(samples)).containsExactlyInAnyOrderElementsOf(entities());
			samples.forEach(s -> {
				if (s.label("entity").equals("customer")) {
					assertThat(s.value()).isCloseTo(at - lastEnd, within(1.0));
				}
				else {
					assertThat(s.value()).as("never completed: %s", s.labels()).isNaN();
				}
			});
		});
		expected.put("Runs by outcome/A", samples -> {
			assertThat(samples).hasSize(entities().size() * 3);
			samples.forEach(s -> assertThat(s.value()).as("%s", s.labels())
				.isEqualTo(s.label("entity").equals("customer") && s.label("status").equals("COMPLETED") ? 2 : 0));
		});
		double meanDuration = (duration(first) + duration(second)) / 2;
		expected.put("Average run duration/A", samples -> assertThat(samples).singleElement().satisfies(s -> {
			assertThat(s.label("entity")).isEqualTo("customer");
			assertThat(s.value()).isCloseTo(meanDuration, within(0.01));
		}));
		expected.put("Running jobs/A", samples -> assertThat(samples).singleElement().satisfies(s -> {
			assertThat(s.label("spring_batch_job_name")).isEqualTo("customer-export");
			assertThat(s.value()).as("nothing runs any more").isZero();
		}));
		expected.put("Inbox messages/A", samples -> {
			assertThat(samples).as("two sources, five statuses").hasSize(10);
			samples.forEach(
					s -> assertThat(s.value()).as("%s", s.labels())
						.isEqualTo(s.label("source").equals("erp")
								&& (s.label("status").equals("IGNORED") || s.label("status").equals("DUPLICATE")) ? 1
										: 0));
		});
		expected.put("Inbox depth/A",
				samples -> assertThat(samples).singleElement().satisfies(s -> assertThat(s.value()).isZero()));
		expected.put("Inbox depth/B",
				samples -> assertThat(samples).singleElement().satisfies(s -> assertThat(s.value()).isZero()));
		expected.put("Message to sync latency (p95)/A", samples -> assertThat(samples)
			.allSatisfy(s -> assertThat(s.value()).as("nothing synced: %s", s.labels()).isNaN()));
		expected.put("Real-time state/A", samples -> {
			assertThat(samples).as("three states of each of the two stores").hasSize(6);
			samples.forEach(s -> assertThat(s.value()).as("%s", s.labels())
				.isEqualTo(s.label("state").equals("ACTIVE") ? 1 : 0));
		});
		return expected;
	}

	private Consumer<List<Sample>> customerOnly(double customers) {
		return samples -> {
			assertThat(entitiesOf(samples)).containsExactlyInAnyOrderElementsOf(entities());
			samples.forEach(s -> assertThat(s.value()).as("%s", s.labels())
				.isEqualTo(s.label("entity").equals("customer") ? customers : 0.0));
		};
	}

	/**
	 * The sandbox store's series has the value; the embedded default's other store (its
	 * Magento sandbox, which the runs did not use) has a series of nothing.
	 */
	private static Consumer<List<Sample>> byStore(double value) {
		return samples -> {
			assertThat(samples).extracting(s -> s.label("store")).containsExactlyInAnyOrder("sandbox", "magento");
			samples.forEach(s -> assertThat(s.value()).as("%s", s.labels())
				.isEqualTo(s.label("store").equals("sandbox") ? value : 0.0));
		};
	}

	private void assertTemplateVariablesList(PrometheusServer prometheus) throws Exception {
		JsonNode templating = JSON.readTree(Files.readString(DASHBOARD)).path("templating").path("list");
		Map<String, TreeSet<String>> expected = Map.of("store", new TreeSet<>(List.of("magento", "sandbox")), "entity",
				new TreeSet<>(entities()), "direction", new TreeSet<>(List.of("export", "import")));
		assertThat(templating).hasSize(3);
		for (JsonNode variable : templating) {
			// label_values(<series selector>, <label>) is Grafana's; Prometheus's series
			// API answers it.
			String definition = variable.path("query")
				.path("query")
				.asString()
				.replace("$store", ".*")
				.replace("$entity", ".*");
			var call = java.util.regex.Pattern.compile("label_values\\((.+), *(\\w+)\\)").matcher(definition);
			assertThat(call.matches()).as(definition).isTrue();
			assertThat(prometheus.labelValues(call.group(2), call.group(1))).as(definition)
				.isEqualTo(expected.get(variable.path("name").asString()));
		}
	}

	record DashboardQuery(String id, String expr) {
	}

	private static List<DashboardQuery> dashboardQueries() throws IOException {
		List<DashboardQuery> queries = new ArrayList<>();
		collect(JSON.readTree(Files.readString(DASHBOARD)).path("panels"), queries);
		return queries;
	}

	private static void collect(JsonNode panels, List<DashboardQuery> queries) {
		for (JsonNode panel : panels) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(new DashboardQuery(panel.path("title").asString() + "/" + target.path("refId").asString(),
						target.path("expr").asString()));
			}
			collect(panel.path("panels"), queries);
		}
	}

	private Process startService() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			appPort = socket.getLocalPort();
		}
		Path home = Files.createDirectories(workDir.resolve("service"));
		return new SyncbatchProcess(home, Map.of()).start("serve", "--server.port=" + appPort,
				"--syncbatch.api.password={noop}" + PASSWORD, "--syncbatch.stores.sandbox.sandbox=false",
				"--syncbatch.stores.sandbox.api-url=" + STORE.wireMock().baseUrl(),
				"--syncbatch.stores.sandbox.store-hash=" + STORE.storeHash(),
				"--syncbatch.stores.sandbox.access-token=" + STORE.accessToken(),
				"--syncbatch.metrics.state-max-age=PT0.5S", "--syncbatch.inbox.erp-secret=" + ERP_SECRET);
	}

	/**
	 * An ERP push notification the inbox keeps but that launches no run (which would
	 * change the runs' figures), and its repeat.
	 */
	private void notifyTwiceOfAnInquiryNoEntityIsExportedFrom() throws Exception {
		String notification = "{\"Inserted\": [{\"VendorID\": \"V1\"}], \"Deleted\": [], \"Query\": \"Vendors\","
				+ " \"CompanyId\": \"SweetLife\", \"Id\": \"tx-1\", \"TimeStamp\": 1, \"AdditionalInfo\": {}}";
		for (int i = 0; i < 2; i++) {
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/hooks/erp/sandbox"))
				.header("Content-Type", "application/json")
				.header("X-Syncbatch-Secret", ERP_SECRET)
				.POST(HttpRequest.BodyPublishers.ofString(notification))
				.build();
			assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		}
	}

	private JsonNode runToTheEnd(String parameters) throws Exception {
		long id = api("POST", "/api/jobs/customer-export/executions", parameters).path("id").asLong();
		for (int i = 0; i < 600; i++) {
			JsonNode execution = api("GET", "/api/executions/" + id, null);
			String status = execution.path("status").asString();
			if (!status.equals("STARTING") && !status.equals("STARTED")) {
				assertThat(status).as("execution %d: %s", id, execution).isEqualTo("COMPLETED");
				return execution;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("execution " + id + " did not end within a minute");
	}

	private JsonNode api(String method, String path, String body) throws Exception {
		String credentials = Base64.getEncoder()
			.encodeToString(("operator:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + path))
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
		return JSON.readTree(response.body());
	}

	private List<String> entities() {
		try {
			// Each entity once, however many ways it goes (customer-export,
			// customer-import).
			List<String> entities = new ArrayList<>();
			api("GET", "/api/jobs", null).forEach(job -> {
				String entity = job.asString().replaceFirst("-(export|import)$", "");
				if (!entities.contains(entity)) {
					entities.add(entity);
				}
			});
			return entities;
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	private static List<String> entitiesOf(List<Sample> samples) {
		return samples.stream().map(s -> s.label("entity")).toList();
	}

	private static double sum(String field, JsonNode... executions) {
		double total = 0;
		for (JsonNode execution : executions) {
			total += execution.path(field).asLong();
		}
		return total;
	}

	private static double duration(JsonNode execution) {
		return epochSeconds(execution.path("end").asString()) - epochSeconds(execution.path("start").asString());
	}

	private static double lastScrape(PrometheusServer prometheus) {
		// timestamp() gives a sample's own time only when applied to a plain selector.
		List<Sample> up = prometheus.query("timestamp(up{job=\"syncbatch\"})", now());
		return up.isEmpty() ? 0 : up.get(0).value();
	}

	/**
	 * The job repository keeps the server's local time, and the service runs on this
	 * machine.
	 */
	private static double epochSeconds(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() / 1000.0;
	}

	private static double now() {
		return System.currentTimeMillis() / 1000.0;
	}

}
