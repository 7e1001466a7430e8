package io.syncbatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.yaml.snakeyaml.Yaml;

/**
 * The benchmark whose targets the README's Performance section lists, in one run: N
 * generated ERP customers on MariaDB; (a) the raw-JDBC floor; (b) the engine's full
 * prepare; (c) incremental prepare after 1 % changed; (d) incremental prepare with
 * nothing changed; (e) process to a target that answers at once; (f) process to a target
 * that takes 50 ms a request and serves a few at once, against its ideal rate. Run it
 * with {@code bench/run}; see bench/README.md.
 */
public final class Benchmark {

	/** What one run measured, for the report and for the smoke test's checks. */
	public record Report(Options options, long generated, long floorRows, Duration floor, long recordFloorRows,
			Duration recordFloor, EngineRun.Result full, int changed, EngineRun.Result incremental,
			EngineRun.Result unchanged, EngineRun.Result slow, int fastStoreCustomers, long fastStoreCreated,
			int slowStoreCustomers, String slowStoreBusyness) {
	}

	public record Options(int rows, int slowRows, int concurrency, int partitions, Duration latency, int chunkSize,
			String serverUrl, String database, Path jar, Path workDir, String heap, List<String> engineJvm) {

		static final int BATCH = 10;

		public static Options parse(String... arguments) {
			Map<String, String> given = BenchArguments.parse(arguments);
			int rows = Integer.parseInt(given.getOrDefault("rows", "1000000"));
			int concurrency = Integer.parseInt(given.getOrDefault("concurrency", "8"));
			return new Options(rows,
					Integer.parseInt(given.getOrDefault("slow-rows", String.valueOf(Math.min(rows, 20_000)))),
					concurrency, Integer.parseInt(given.getOrDefault("partitions", "3")),
					Duration.ofMillis(Long.parseLong(given.getOrDefault("latency-ms", "50"))),
					// Five rounds of concurrent batches a chunk: a chunk's commit then
					// costs a fifth of a round.
					Integer.parseInt(given.getOrDefault("chunk-size", String.valueOf(concurrency * BATCH * 5))),
					given.getOrDefault("server", "jdbc:mysql://127.0.0.1:3306/test?user=root&password="),
					given.getOrDefault("database", "syncbatch_bench"),
					Path.of(given.getOrDefault("jar", "target/syncbatch.jar")).toAbsolutePath(),
					Path.of(given.getOrDefault("work-dir", "target/bench")).toAbsolutePath(),
					given.getOrDefault("heap", "256m"),
					// e.g. --engine-jvm=-XX:StartFlightRecording=filename={run}.jfr
					// profiles each engine run
					given.containsKey("engine-jvm") ? List.of(given.get("engine-jvm").split(" ")) : List.of());
		}

		/**
		 * Records a second the slow target can take: concurrency × batch size ÷ latency.
		 */
		double idealRate() {
			return concurrency * (double) BATCH / (latency.toMillis() / 1000.0);
		}
	}

	private Benchmark() {
	}

	public static void main(String[] arguments) throws Exception {
		Options options = Options.parse(arguments);
		Report report = run(options, System.out);
		System.out.print(render(report));
	}

	public static Report run(Options options, java.io.PrintStream progress) throws Exception {
		BenchErp erp = new BenchErp(options.serverUrl(), options.database());
		progress.printf("generating %,d ERP customers in %s%n", options.rows(), options.database());
		erp.recreate(Path.of("sql/erp-schema.sql"));
		erp.generate(options.rows());
		long generated = erp.countInErp("SELECT COUNT(*) FROM Customer");

		progress.println("(a) raw JDBC floor");
		long start = System.nanoTime();
		long floorRows = new RawJdbcFloor(erp, customerQuery(), RawJdbcFloor.StateRow.ID_AND_FINGERPRINT).run();
		Duration floor = Duration.ofNanos(System.nanoTime() - start);

		try (BenchStore fast = new BenchStore(options.concurrency(), Duration.ZERO);
				BenchStore slow = new BenchStore(options.concurrency(), options.latency())) {
			Map<String, String> environment = environment(erp, fast);
			List<String> common = List.of("--spring.profiles.active=mysql",
					"--syncbatch.definitions=file:" + definitions(options) + "/*.yml",
					"--syncbatch.process.partitions=" + options.partitions(),
					"--syncbatch.stores.main.concurrency=" + options.concurrency(),
					"--syncbatch.stores.slow.platform=bigcommerce",
					"--syncbatch.stores.slow.concurrency=" + options.concurrency(),
					"--syncbatch.stores.slow.api-url=" + slow.apiUrl(),
					"--syncbatch.stores.slow.store-hash=" + BenchStore.HASH,
					"--syncbatch.stores.slow.access-token=" + BenchStore.TOKEN);

			progress.println("(b) full prepare and (e) process to a target that answers at once");
			EngineRun.Result full = engine(options, environment, common, "full", "store=main");
			int changed = erp.changeOnePercent();
			progress.printf("(c) incremental prepare after changing %,d customers%n", changed);
			EngineRun.Result incremental = engine(options, environment, common, "incremental", "store=main");
			progress.println("(d) incremental prepare with nothing changed");
			EngineRun.Result unchanged = engine(options, environment, common, "unchanged", "store=main");
			progress.println("(a2) raw JDBC floor writing the engine's prepared row");
			long recordStart = System.nanoTime();
			long recordFloorRows = new RawJdbcFloor(erp, customerQuery(), RawJdbcFloor.StateRow.PREPARED_ROW).run();
			Duration recordFloor = Duration.ofNanos(System.nanoTime() - recordStart);
			progress.printf("(f) process %,d customers to a target taking %d ms a request, %d at once%n",
					options.slowRows(), options.latency().toMillis(), options.concurrency());
			EngineRun.Result slowRun = engine(options, environment, common, "slow", "store=slow",
					"modifiedFrom=" + BenchErp.FIRST_CHANGE,
					"modifiedTo=" + BenchErp.FIRST_CHANGE.plusSeconds(options.slowRows()));
			return new Report(options, generated, floorRows, floor, recordFloorRows, recordFloor, full, changed,
					incremental, unchanged, slowRun, fast.customers(), fast.created(), slow.customers(),
					slow.busyness());
		}
	}

	/**
	 * What the packaged engine reads from its environment in the {@code mysql} profile:
	 * the benchmark's ERP and sync databases, and its store as store {@code main}.
	 */
	static Map<String, String> environment(BenchErp erp, BenchStore store) {
		return Map.of("SYNCBATCH_ERP_URL", erp.url(), "SYNCBATCH_SYNC_URL",
				erp.syncUrl() + "&rewriteBatchedStatements=true", "BIGCOMMERCE_API_URL", store.apiUrl().toString(),
				"BIGCOMMERCE_STORE_HASH", BenchStore.HASH, "BIGCOMMERCE_ACCESS_TOKEN", BenchStore.TOKEN);
	}

	/**
	 * The project's definitions, with the customer's process chunk size set for the
	 * benchmark.
	 */
	private static Path definitions(Options options) throws java.io.IOException {
		return definitions(options.workDir(),
				customer -> customer.replaceFirst("(?m)^chunk-size: \\d+", "chunk-size: " + options.chunkSize()));
	}

	/**
	 * The project's definitions, written into the work directory with customers exported
	 * only (the figures are an export's, and the bench's store answers an export's
	 * requests, not an import's reads) and changed further as {@code customer} says.
	 */
	static Path definitions(Path workDir, UnaryOperator<String> customer) throws java.io.IOException {
		Path jobs = Files.createDirectories(workDir.resolve("jobs"));
		try (var files = Files.list(Path.of("jobs"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
				String text = Files.readString(file);
				if (file.getFileName().toString().equals("customer.yml")) {
					text = customer.apply(exportOnly(text));
				}
				Files.writeString(jobs.resolve(file.getFileName()), text);
			}
		}
		return jobs;
	}

	/**
	 * The customer definition without its import half, nor what a platform says of its
	 * import.
	 */
	static String exportOnly(String customer) {
		int from = customer.indexOf("\nimport:\n");
		int to = customer.indexOf("\nchunk-size:");
		if (from < 0 || to < from) {
			throw new IllegalStateException("jobs/customer.yml has no import section before chunk-size to leave out");
		}
		return (customer.substring(0, from) + customer.substring(to)).replaceFirst("(?m)^direction: .*$", "")
			.replaceFirst("(?m)^primary: .*$", "")
			.replaceAll("(?m)^      import:\n(?:^        .*\n)*", "");
	}

	private static EngineRun.Result engine(Options options, Map<String, String> environment, List<String> common,
			String name, String... parameters) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("run", "customer-export"));
		arguments.addAll(List.of(parameters));
		arguments.addAll(common);
		return EngineRun.run(name, options.jar(), options.workDir(), options.heap(), options.engineJvm(), environment,
				arguments);
	}

	public static String render(Report report) throws Exception {
		Options options = report.options();
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "%nsyncbatch benchmark: %,d ERP customers; %s%n", report.generated(),
				machine(report)));
		text.append(String.format(Locale.ROOT,
				"engine: -Xmx%s, prepare chunk 1000, process chunk %d, %d process partitions, store concurrency %d%n",
				options.heap(), options.chunkSize(), options.partitions(), options.concurrency()));
		text.append(String.format(Locale.ROOT, "%-46s %10s %9s %10s %10s %9s%n", "phase", "rows", "seconds", "rows/s",
				"peak heap", "peak RSS"));
		double floorRate = line(text, "(a) raw JDBC floor", report.floorRows(), report.floor(), null);
		double recordFloorRate = line(text, "(a2) raw JDBC floor, prepared row", report.recordFloorRows(),
				report.recordFloor(), null);
		double full = line(text, "(b) full prepare", report.full().prepared(), report.full().step("-prepare"),
				report.full());
		line(text, "(c) incremental prepare, 1 % changed", report.incremental().prepared(),
				report.incremental().step("-prepare"), report.incremental());
		line(text, "(d) incremental prepare, nothing changed", report.unchanged().prepared(),
				report.unchanged().step("-prepare"), report.unchanged());
		line(text, "(e) process, target answers at once", report.full().processed(), report.full().step("-process"),
				report.full());
		double slow = line(text,
				String.format(Locale.ROOT, "(f) process, %d ms target, %d at once", options.latency().toMillis(),
						options.concurrency()),
				report.slow().processed(), report.slow().step("-process"), report.slow());
		text.append(String.format(Locale.ROOT, "%n(b)/(a) = %.2f (target >= 0.80); (b)/(a2) = %.2f%n", full / floorRate,
				full / recordFloorRate));
		text.append(String.format(Locale.ROOT,
				"(f)/ideal = %.2f (ideal %,.0f rows/s = %d x %d / %d ms; target >= 0.90)%n", slow / options.idealRate(),
				options.idealRate(), options.concurrency(), Options.BATCH, options.latency().toMillis()));
		text.append(String.format(Locale.ROOT, "    the slow target during (f): %s%n", report.slowStoreBusyness()));
		text.append(String.format(Locale.ROOT,
				"(c) %.2f s (target <= 2 s); (d) %.2f s, whole job %.2f s (target <= 0.5 s)%n",
				seconds(report.incremental().step("-prepare")), seconds(report.unchanged().step("-prepare")),
				seconds(report.unchanged().job())));
		long peakHeap = List.of(report.full(), report.incremental(), report.unchanged(), report.slow())
			.stream()
			.mapToLong(EngineRun.Result::peakHeapMb)
			.max()
			.orElse(0);
		text.append(String.format(Locale.ROOT, "peak heap %d MB with -Xmx%s (target <= 256 MB)%n", peakHeap,
				options.heap()));
		return text.toString();
	}

	private static double line(StringBuilder text, String phase, long rows, Duration took, EngineRun.Result run) {
		double rate = rows / Math.max(seconds(took), 0.001);
		text.append(String.format(Locale.ROOT, "%-46s %,10d %9.2f %,10.0f %10s %9s%n", phase, rows, seconds(took), rate,
				run == null ? "-" : run.peakHeapMb() + " MB", run == null ? "-" : run.peakRssMb() + " MB"));
		return rate;
	}

	private static double seconds(Duration duration) {
		return duration.toMillis() / 1000.0;
	}

	private static String machine(Report report) throws Exception {
		String cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
			.stream()
			.filter(l -> l.startsWith("model name"))
			.findFirst()
			.map(l -> l.replaceFirst(".*:\\s*", ""))
			.orElse("unknown CPU");
		BenchErp erp = new BenchErp(report.options().serverUrl(), report.options().database());
		String server;
		try (Connection connection = erp.connect();
				Statement sql = connection.createStatement();
				ResultSet rs = sql.executeQuery("SELECT VERSION(), @@innodb_buffer_pool_size")) {
			rs.next();
			// The buffer pool decides whether a million rows' indexes stay in memory: say
			// which one was used.
			server = rs.getString(1) + " (innodb_buffer_pool_size " + rs.getLong(2) / (1024 * 1024) + " MB)";
		}
		return String.format(Locale.ROOT, "MariaDB %s; %d CPUs (%s); Java %s", server,
				Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("java.version"));
	}

	@SuppressWarnings("unchecked")
	private static String customerQuery() throws Exception {
		Map<String, Object> definition = new Yaml().load(Files.readString(Path.of("jobs/customer.yml")));
		return (String) ((Map<String, Object>) definition.get("source")).get("query");
	}

}
