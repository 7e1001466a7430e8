package io.syncbatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * The real-time benchmark (README, Performance): {@code serve}, packaged, on MariaDB,
 * with a store that answers at once. (g) ERP push notifications of new customers are sent
 * at a fixed rate (500 a second by default), each on time whether or not the previous one
 * was answered, and each acknowledgement's latency is counted from the moment its
 * notification was due, so a stall is not hidden by sending less during it; the engine
 * processes them meanwhile, as it would. (h) Then customers already in the store are
 * changed in the ERP at a lower rate (50 a second), each change followed by its
 * notification, and the time from the change to the store receiving the changed customer
 * is measured. Run it with {@code bench/realtime}; see bench/README.md.
 */
public final class RealtimeBenchmark {

	static final String SECRET_HEADER = "X-Syncbatch-Secret";

	static final String SECRET = "bench-erp-push-secret";

	/** What one run measured. */
	public record Report(Options options, Latencies warmUp, Latencies acknowledged, int refused,
			@Nullable Duration drained, int storeCustomers, long storeCreated, Latencies changes, int changesMissing,
			long jobExecutions, Map<String, Long> inbox) {
	}

	public record Options(int ackRate, Duration ackDuration, Duration warmUp, int changeRate, Duration changeDuration,
			String serverUrl, String database, Path jar, Path workDir, String heap, List<String> engineArgs,
			List<String> engineJvm, boolean ackOnly) {

		public static Options parse(String... arguments) {
			Map<String, String> given = BenchArguments.parse(arguments);
			Options options = new Options(Integer.parseInt(given.getOrDefault("ack-rate", "500")),
					Duration.ofSeconds(Long.parseLong(given.getOrDefault("ack-seconds", "30"))),
					Duration.ofSeconds(Long.parseLong(given.getOrDefault("warm-up-seconds", "20"))),
					Integer.parseInt(given.getOrDefault("change-rate", "50")),
					Duration.ofSeconds(Long.parseLong(given.getOrDefault("change-seconds", "30"))),
					given.getOrDefault("server", "jdbc:mysql://127.0.0.1:3306/test?user=root&password="),
					given.getOrDefault("database", "syncbatch_realtime_bench"),
					Path.of(given.getOrDefault("jar", "target/syncbatch.jar")).toAbsolutePath(),
					Path.of(given.getOrDefault("work-dir", "target/bench-realtime")).toAbsolutePath(),
					given.getOrDefault("heap", "256m"),
					// e.g. --engine-args='--syncbatch.inbox.poll-period=1s' changes a
					// setting of serve
					given.containsKey("engine-args") ? List.of(given.get("engine-args").split(" ")) : List.of(),
					// e.g. --engine-jvm=-XX:StartFlightRecording=filename=serve.jfr
					// profiles serve
					given.containsKey("engine-jvm") ? List.of(given.get("engine-jvm").split(" ")) : List.of(),
					// acknowledgements alone: serve keeps the messages and processes none
					Boolean.parseBoolean(given.getOrDefault("ack-only", "false")));
			if (options.changes() > options.customers()) {
				throw new IllegalArgumentException("(h) changes " + options.changes()
						+ " customers, more than (g) puts in the store (" + options.customers() + ")");
			}
			return options;
		}

		int warmUpMessages() {
			return (int) (ackRate * warmUp.toMillis() / 1000);
		}

		/** One notification, and so one new customer, per message of (g). */
		int customers() {
			return warmUpMessages() + (int) (ackRate * ackDuration.toMillis() / 1000);
		}

		int changes() {
			return (int) (changeRate * changeDuration.toMillis() / 1000);
		}
	}

	/** Latencies in nanoseconds, sorted. */
	public record Latencies(long[] nanos) {

		static Latencies of(Iterable<Long> measured) {
			List<Long> all = new ArrayList<>();
			measured.forEach(all::add);
			return new Latencies(all.stream().mapToLong(Long::longValue).sorted().toArray());
		}

		public int count() {
			return nanos.length;
		}

		/** The nearest-rank percentile, in milliseconds. */
		double percentileMs(double percent) {
			if (nanos.length == 0) {
				return Double.NaN;
			}
			int rank = (int) Math.ceil(percent / 100 * nanos.length);
			return nanos[Math.max(0, rank - 1)] / 1e6;
		}

		String summary() {
			return String.format(Locale.ROOT, "%,7d  p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms  max %7.1f ms", count(),
					percentileMs(50), percentileMs(95), percentileMs(99), percentileMs(100));
		}
	}

	/**
	 * Connections the sender keeps open: at most this many notifications are in flight,
	 * as with an ERP's or a store's pool of delivery threads.
	 */
	private static final int SENDER_CONNECTIONS = 32;

	private RealtimeBenchmark() {
	}

	public static void main(String[] arguments) throws Exception {
		Report report = run(Options.parse(arguments), System.out);
		System.out.print(render(report));
	}

	public static Report run(Options options, PrintStream progress) throws Exception {
		BenchErp erp = new BenchErp(options.serverUrl(), options.database());
		progress.printf("generating %,d ERP customers in %s%n", options.customers(), options.database());
		erp.recreate(Path.of("sql/erp-schema.sql"));
		erp.generate(options.customers());
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		try (BenchStore store = new BenchStore(8, Duration.ZERO)) {
			int port = freePort();
			Process serve = serve(options, erp, store, port);
			try {
				URI hook = URI.create("http://127.0.0.1:" + port + "/hooks/erp/main");
				awaitUp(http, port, serve, Duration.ofMinutes(2));
				AtomicInteger refused = new AtomicInteger();

				progress.printf("(g) warm-up: %,d notifications at %d a second, not counted%n",
						options.warmUpMessages(), options.ackRate());
				Latencies warmUp = acknowledge(hook, 1, options.warmUpMessages(), options.ackRate(), refused);
				progress.printf("(g) %,d notifications of new customers at %d a second%n",
						options.customers() - options.warmUpMessages(), options.ackRate());
				long sent = System.nanoTime();
				Latencies acknowledged = acknowledge(hook, options.warmUpMessages() + 1,
						options.customers() - options.warmUpMessages(), options.ackRate(), refused);
				progress.printf("(g) acknowledged %s%n", acknowledged.summary());
				if (options.ackOnly()) {
					return new Report(options, warmUp, acknowledged, refused.get(), null, store.customers(),
							store.created(), Latencies.of(List.of()), 0,
							erp.countInSync("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION"), inbox(erp));
				}
				awaitProcessed(erp, serve, Duration.ofMinutes(10));
				Duration drained = Duration.ofNanos(System.nanoTime() - sent);

				progress.printf("(h) %,d ERP changes, each followed by its notification, at %d a second%n",
						options.changes(), options.changeRate());
				Map<Integer, Long> changedAt = change(erp, http, hook, options.changes(), options.changeRate());
				awaitProcessed(erp, serve, Duration.ofMinutes(2));
				List<Long> reached = new ArrayList<>();
				int missing = 0;
				for (Map.Entry<Integer, Long> change : changedAt.entrySet()) {
					Long at = store.receivedAt(email(change.getKey()), changedPhone(change.getKey()));
					if (at == null) {
						missing++;
					}
					else {
						reached.add(at - change.getValue());
					}
				}
				return new Report(options, warmUp, acknowledged, refused.get(), drained, store.customers(),
						store.created(), Latencies.of(reached), missing,
						erp.countInSync("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION"), inbox(erp));
			}
			finally {
				serve.destroy();
				serve.waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	private static Process serve(Options options, BenchErp erp, BenchStore store, int port) throws IOException {
		Files.createDirectories(options.workDir());
		Path definitions = Benchmark.definitions(options.workDir(), customer -> customer);
		List<String> command = new ArrayList<>(
				List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx" + options.heap()));
		command.addAll(options.engineJvm());
		command.addAll(List.of("-jar", options.jar().toString(), "serve", "--spring.profiles.active=mysql",
				"--server.port=" + port, "--syncbatch.definitions=file:" + definitions + "/*.yml",
				"--syncbatch.stores.main.concurrency=8"));
		if (options.ackOnly()) {
			command.add("--syncbatch.inbox.poll-period=1h");
		}
		command.addAll(options.engineArgs());
		ProcessBuilder builder = new ProcessBuilder(command).directory(options.workDir().toFile())
			.redirectErrorStream(true)
			.redirectOutput(options.workDir().resolve("serve-out.txt").toFile());
		builder.environment().putAll(Benchmark.environment(erp, store));
		builder.environment().put("SYNCBATCH_INBOX_ERPSECRET", SECRET);
		return builder.start();
	}

	/**
	 * Sends notifications for customers {@code first} .. {@code first + count - 1} at
	 * {@code rate} a second, each when it is due, and returns each acknowledgement's
	 * latency from that moment.
	 */
	private static Latencies acknowledge(URI hook, int first, int count, int rate, AtomicInteger refused)
			throws InterruptedException {
		return Latencies.of(new NotificationSender(hook, SENDER_CONNECTIONS).send(count, rate,
				i -> body(first + i, false).getBytes(StandardCharsets.UTF_8), refused));
	}

	/**
	 * Changes customers 1 .. {@code count} in the ERP at {@code rate} a second, each
	 * change committed and then notified, on as many threads as it takes to keep the
	 * rate; returns when each change began (nanoTime), by customer.
	 */
	private static Map<Integer, Long> change(BenchErp erp, HttpClient http, URI hook, int count, int rate)
			throws Exception {
		Map<Integer, Long> changedAt = new java.util.concurrent.ConcurrentHashMap<>();
		ExecutorService changers = Executors.newFixedThreadPool(8);
		List<Connection> connections = new java.util.concurrent.CopyOnWriteArrayList<>();
		ThreadLocal<PreparedStatement> update = ThreadLocal.withInitial(() -> {
			try {
				Connection connection = erp.connect();
				connections.add(connection);
				return connection.prepareStatement("UPDATE Customer SET Phone1 = ?, LastModifiedDateTime = NOW(3)"
						+ " WHERE CompanyID = 2 AND CustomerID = ?");
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		});
		try {
			List<java.util.concurrent.Future<?>> done = new ArrayList<>();
			long period = 1_000_000_000L / rate;
			long start = System.nanoTime();
			for (int i = 0; i < count; i++) {
				LockSupport.parkNanos(start + i * period - System.nanoTime());
				int customer = i + 1;
				done.add(changers.submit(() -> {
					PreparedStatement statement = update.get();
					statement.setString(1, changedPhone(customer));
					statement.setString(2, customerId(customer));
					changedAt.put(customer, System.nanoTime());
					if (statement.executeUpdate() != 1) {
						throw new IllegalStateException("customer " + customerId(customer) + " is not in the ERP");
					}
					HttpResponse<Void> answer = sendAgainOnce(http, notification(hook, customer, true));
					if (answer.statusCode() != 200) {
						throw new IllegalStateException(
								"the notification of " + customerId(customer) + " was answered " + answer.statusCode());
					}
					return null;
				}));
			}
			for (java.util.concurrent.Future<?> change : done) {
				change.get();
			}
			return changedAt;
		}
		finally {
			changers.shutdownNow();
			for (Connection connection : connections) {
				connection.close();
			}
		}
	}

	private static HttpResponse<Void> sendAgainOnce(HttpClient http, HttpRequest request)
			throws IOException, InterruptedException {
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException closed) {
			return http.send(request, HttpResponse.BodyHandlers.discarding());
		}
	}

	/**
	 * Acumatica's push notification for one customer: a new one in Inserted, a changed
	 * one in both Inserted (new row) and Deleted (old row).
	 */
	private static String body(int customer, boolean update) {
		String row = "{\"CustomerID\": \"" + customerId(customer) + "\"}";
		return "{\"Inserted\": [" + row + "], \"Deleted\": [" + (update ? row : "") + "],"
				+ " \"Query\": \"syncbatch-customer\", \"CompanyId\": \"Bench\", \"Id\": \"" + (update ? "u" : "i")
				+ customer + "\", \"TimeStamp\": " + System.nanoTime() + ", \"AdditionalInfo\": {}}";
	}

	private static HttpRequest notification(URI hook, int customer, boolean update) {
		return HttpRequest.newBuilder(hook)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header(SECRET_HEADER, SECRET)
			.POST(HttpRequest.BodyPublishers.ofString(body(customer, update)))
			.build();
	}

	/** Waits until no message waits in the inbox. */
	private static void awaitProcessed(BenchErp erp, Process serve, Duration patience) throws Exception {
		long deadline = System.nanoTime() + patience.toNanos();
		while (erp.countInSync("SELECT COUNT(*) FROM sync_inbox WHERE status IN ('RECEIVED', 'HELD')") > 0) {
			if (!serve.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("the inbox was not processed within " + patience
						+ (serve.isAlive() ? "" : ": serve exited " + serve.exitValue()) + "; see serve-out.txt");
			}
			Thread.sleep(20);
		}
	}

	private static void awaitUp(HttpClient http, int port, Process serve, Duration patience) throws Exception {
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.build();
		long deadline = System.nanoTime() + patience.toNanos();
		while (true) {
			try {
				if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			if (!serve.isAlive() || System.nanoTime() > deadline) {
				throw new IllegalStateException("serve did not start; see serve-out.txt");
			}
			Thread.sleep(100);
		}
	}

	private static Map<String, Long> inbox(BenchErp erp) throws SQLException {
		Map<String, Long> byStatus = new java.util.TreeMap<>();
		try (Connection sync = erp.connectSync();
				Statement sql = sync.createStatement();
				ResultSet rows = sql.executeQuery("SELECT status, COUNT(*) FROM sync_inbox GROUP BY status")) {
			while (rows.next()) {
				byStatus.put(rows.getString(1), rows.getLong(2));
			}
		}
		return byStatus;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String customerId(int customer) {
		return String.format(Locale.ROOT, "C%08d", customer);
	}

	private static String email(int customer) {
		return "customer" + customer + "@bench.example";
	}

	private static String changedPhone(int customer) {
		return "+1 555 " + customer + " rt";
	}

	public static String render(Report report) {
		Options options = report.options();
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT,
				"%nsyncbatch real-time benchmark: serve -Xmx%s on MariaDB, a store answering at once; %d CPUs; Java %s%n",
				options.heap(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
		text.append(String.format(Locale.ROOT, "(g) acknowledgement at %d notifications/s (target p99 <= 50 ms)%n",
				options.ackRate()));
		text.append(String.format(Locale.ROOT, "    warm-up %s%n", report.warmUp().summary()));
		text.append(String.format(Locale.ROOT, "    counted %s%n", report.acknowledged().summary()));
		Duration drained = report.drained();
		if (drained == null) {
			text.append(String.format(Locale.ROOT, "    %d not acknowledged; nothing processed (--ack-only)%n",
					report.refused()));
			text.append("(h) not run (--ack-only)\n");
		}
		else {
			text.append(String.format(Locale.ROOT,
					"    %d not acknowledged; every message processed %.1f s after the first counted one was sent;"
							+ " the store holds %,d customers (%,d created)%n",
					report.refused(), drained.toMillis() / 1000.0, report.storeCustomers(), report.storeCreated()));
			text.append(String.format(Locale.ROOT,
					"(h) ERP change to store at %d changes/s (target p95 <= 1000 ms)%n    %s%n    %d changes never"
							+ " reached the store%n",
					options.changeRate(), report.changes().summary(), report.changesMissing()));
		}
		text.append(String.format(Locale.ROOT, "inbox: %s; job executions in the repository: %,d%n", report.inbox(),
				report.jobExecutions()));
		return text.toString();
	}

}
