package io.syncbatch.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Assumptions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus server (the {@code prometheus} binary, Debian package
 * {@code prometheus}) scraping one target, queried through its HTTP API. Without the
 * binary the calling test is skipped with a plain message, except under {@code CI=true},
 * where {@code .ci/run} installs it and its absence fails the test.
 */
public final class PrometheusServer implements AutoCloseable {

	/** Path of the prometheus binary, when it is not on PATH. */
	public static final String BINARY_ENV = "SYNCBATCH_TEST_PROMETHEUS";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Process process;

	private final URI api;

	private final Path workDir;

	private final HttpClient http = HttpClient.newHttpClient();

	private PrometheusServer(Process process, URI api, Path workDir) {
		this.process = process;
		this.api = api;
		this.workDir = workDir;
	}

	/** The binary, or the test is skipped (failed under CI) saying how to get one. */
	public static Path requireBinary() {
		Optional<Path> binary = binary();
		if (binary.isEmpty()) {
			String message = "Prometheus suite SKIPPED: no prometheus binary on PATH or in $" + BINARY_ENV
					+ " (apt-get install prometheus; .ci/run installs it)";
			if (MariaDbCondition.isCi(System.getenv("CI"))) {
				throw new IllegalStateException(message.replace("SKIPPED", "is mandatory under CI=true, but"));
			}
			// Said on the console too: an aborted test is only a "Skipped: 1" among
			// hundreds of green ones.
			System.out.println(message);
			Assumptions.abort(message);
		}
		return binary.get();
	}

	static Optional<Path> binary() {
		String configured = System.getenv(BINARY_ENV);
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured.trim())).filter(Files::isExecutable);
		}
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "prometheus");
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Starts Prometheus scraping {@code http://target/metricsPath} every
	 * {@code interval}, and waits until ready.
	 */
	public static PrometheusServer start(Path binary, Path workDir, String target, String metricsPath,
			Duration interval) throws IOException, InterruptedException {
		Files.createDirectories(workDir);
		Path config = workDir.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: %1$dms
				  scrape_timeout: %1$dms
				scrape_configs:
				  - job_name: syncbatch
				    metrics_path: %2$s
				    static_configs:
				      - targets: ['%3$s']
				""".formatted(interval.toMillis(), metricsPath, target));
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
				"--log.level=warn")
			.redirectErrorStream(true)
			.redirectOutput(workDir.resolve("prometheus.log").toFile())
			.start();
		PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), workDir);
		server.await("Prometheus to be ready", Duration.ofSeconds(60), server::ready);
		return server;
	}

	private boolean ready() {
		try {
			return get("/-/ready").statusCode() == 200;
		}
		catch (IOException notYet) {
			return false;
		}
	}

	/**
	 * An instant query evaluated at {@code time} (Unix seconds): its series, labels to
	 * value.
	 */
	public List<Sample> query(String promql, double time) {
		// Milliseconds written out: "1.7955E9" would round, and miss the sample taken at
		// that very time.
		JsonNode data = data(
				"/api/v1/query?query=" + encode(promql) + "&time=" + String.format(Locale.ROOT, "%.3f", time));
		if (!"vector".equals(data.path("resultType").asString())) {
			throw new AssertionError("'" + promql + "' is not an instant vector query: " + data);
		}
		List<Sample> samples = new ArrayList<>();
		for (JsonNode series : data.path("result")) {
			Map<String, String> labels = new LinkedHashMap<>();
			series.path("metric")
				.properties()
				.forEach(label -> labels.put(label.getKey(), label.getValue().asString()));
			samples.add(new Sample(labels, Double.parseDouble(series.path("value").get(1).asString())));
		}
		return samples;
	}

	/**
	 * The values of a label among the series that {@code match} selects, as Grafana's
	 * label_values() lists them.
	 */
	public TreeSet<String> labelValues(String label, String match) {
		TreeSet<String> values = new TreeSet<>();
		data("/api/v1/series?match[]=" + encode(match)).forEach(series -> values.add(series.path(label).asString()));
		values.remove("");
		return values;
	}

	public void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError(
						"gave up waiting for " + what + " after " + timeout + "; Prometheus log:\n" + log());
			}
			if (!process.isAlive()) {
				throw new AssertionError("Prometheus exited while waiting for " + what + ":\n" + log());
			}
			Thread.sleep(200);
		}
	}

	private JsonNode data(String pathAndQuery) {
		try {
			HttpResponse<String> response = get(pathAndQuery);
			JsonNode body = JSON.readTree(response.body());
			if (response.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
				throw new AssertionError("Prometheus answered " + response.statusCode() + " to " + pathAndQuery + ": "
						+ response.body());
			}
			return body.path("data");
		}
		catch (IOException e) {
			throw new AssertionError("Prometheus did not answer " + pathAndQuery, e);
		}
	}

	private HttpResponse<String> get(String pathAndQuery) throws IOException {
		try {
			return http.send(HttpRequest.newBuilder(api.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
	}

	private String log() {
		try {
			return Files.readString(workDir.resolve("prometheus.log"));
		}
		catch (IOException e) {
			return "(no log: " + e.getMessage() + ")";
		}
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(20, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}

	/** One series of a query result. */
	public record Sample(Map<String, String> labels, double value) {

		public String label(String name) {
			return labels.getOrDefault(name, "");
		}
	}

}
