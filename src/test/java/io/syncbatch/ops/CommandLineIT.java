package io.syncbatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbatch.testsupport.SyncbatchProcess;
import io.syncbatch.testsupport.SyncbatchProcess.Result;

/**
 * The packaged jar as an operator or a scheduler uses it, on the embedded default with no
 * configuration: a fresh working directory, {@code java -jar target/syncbatch.jar ...},
 * exit codes and printed output.
 */
class CommandLineIT {

	@TempDir
	Path workDir;

	@Test
	void runAllExportsEveryEntityToTheSandboxAndASecondRunSendsNothingNew() throws Exception {
		Result run = syncbatch("run-all");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("category-export execution 1 COMPLETED", "customer-import execution 3 COMPLETED",
				"customer-location-import execution 5 COMPLETED", "order-status-export execution 11 COMPLETED");
		assertThat(run.out()).as("the order Gina placed in the store")
			.containsPattern(
					"sales-order-import execution 8 COMPLETED.*\\n  read +\\d+ store records\\n  prepared +\\d+\\n"
							+ "  processed +1 \\(inserted 1,");
		assertThat(run.out()).as("the sandbox's two shoppers")
			.containsPattern(
					"customer-import execution 3 COMPLETED.*\\n  read +5 store records\\n  prepared +2\\n  processed +2 \\(inserted 2,");
		Result orders = syncbatch("history", "sales-order");
		assertThat(orders.out()).containsPattern("SO-SO000101 +SO000101 +\\d+ +PROCESSED +export +INSERTED_EXTERNALLY")
			.contains("waiting for customer ABCSTUDIOS to be in the store: it is FILTERED");

		Result again = syncbatch("run-all");
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).doesNotContain("inserted 1", "inserted 2", "inserted 3", "inserted 4");
	}

	@Test
	void theQuickStartRunsTheWalkthroughAndTheHistoryShowsIt() throws Exception {
		Result run = syncbatch("run", "customer-export");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("customer-export execution 1 COMPLETED", "prepared   8",
				"processed  3 (inserted 3, updated 0)", "filtered   4", "failed     1");
		assertThat(run.out() + run.err()).as("a command prints its result, not log lines").doesNotContain("WARN");

		Result failed = syncbatch("history", "customer", "--status=FAILED");
		assertThat(failed.exitCode()).as(failed.toString()).isZero();
		assertThat(failed.out()).contains("ERP ID", "EXTERNAL ID", "LAST OPERATION", "LAST ATTEMPT", "REASON",
				"BERRYBAR", "'sales at berrybar' in Email is not a valid email address", "1 record(s) of customer");
		assertThat(failed.out()).doesNotContain("FRUITICO");

		Result all = syncbatch("history", "customer");
		assertThat(all.out())
			.containsPattern("JAMIFIQUE +Jamifique factory +\\d+ +PROCESSED +export +INSERTED_EXTERNALLY");

		Result load = syncbatch("load", "customer", "customerClasses=COMMERCEBB");
		assertThat(load.exitCode()).as(load.toString()).isZero();
		assertThat(load.out()).containsPattern("FRUITICO +Fruitico Coffee and Cakes +2026-10-02 10:00 +PROCESSED +\\d+")
			.contains("5 record(s) selected");

		Result process = syncbatch("process", "customer", "JAMIFIQUE");
		assertThat(process.out()).contains("(store sandbox, ids=JAMIFIQUE)", "processed  1 (inserted 0, updated 1)");

		Result again = syncbatch("run", "customer-export");
		assertThat(again.exitCode()).isZero();
		assertThat(again.out()).contains("execution 3 COMPLETED", "prepared   0");

		Result imported = syncbatch("run", "customer-import");
		assertThat(imported.exitCode()).as(imported.toString()).isZero();
		assertThat(imported.out()).contains("customer-import execution 4 COMPLETED", "read       5 store records",
				"processed  2 (inserted 2, updated 0)");
		assertThat(syncbatch("history", "customer").out())
			.containsPattern("EC0000[45] +Sunny Side Bakery +\\d+ +PROCESSED +import +INSERTED_LOCALLY")
			.contains("10 record(s) of customer");
		assertThat(syncbatch("load", "customer-import").out()).containsPattern("STORE ID +DESCRIPTION")
			.containsPattern("\\d+ +Gina Baker .* PROCESSED +EC0000[45]");
	}

	@Test
	void sandboxServesTheEmbeddedStoreUntilStoppedForAnyHttpClient() throws Exception {
		Process sandbox = start("sandbox");
		try {
			String root = null;
			Instant deadline = Instant.now().plus(SyncbatchProcess.COMMAND_TIMEOUT);
			while (root == null) {
				assertThat(sandbox.isAlive()).as("the sandbox exited: " + Files.readString(workDir.resolve("err.txt")))
					.isTrue();
				assertThat(Instant.now()).isBefore(deadline);
				java.util.regex.Matcher printed = java.util.regex.Pattern
					.compile("store sandbox is the local bigcommerce sandbox at (\\S+)")
					.matcher(Files.exists(workDir.resolve("out.txt")) ? Files.readString(workDir.resolve("out.txt"))
							: "");
				root = printed.find() ? printed.group(1) : null;
				Thread.sleep(100);
			}
			HttpResponse<String> customers = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(root + "/v3/customers?page=1&limit=50"))
					.header("X-Auth-Token", "sandbox-token")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(customers.statusCode()).isEqualTo(200);
			assertThat(customers.body()).as("the shoppers it starts with")
				.contains("gina.baker@sunnyside.example", "liam.chen@mail.example");
		}
		finally {
			sandbox.destroy();
			sandbox.waitFor(30, TimeUnit.SECONDS);
		}
		assertThat(syncbatch("sandbox", "--store=nosuch").err()).contains("unknown store 'nosuch'");
	}

	@Test
	void wrongCommandsExitWithTwoAndSayWhy() throws Exception {
		Result badMode = syncbatch("run", "customer-export", "mode=sometimes");
		assertThat(badMode.exitCode()).isEqualTo(Cli.BAD_COMMAND);
		assertThat(badMode.err()).contains("parameter 'mode': 'sometimes' is not a prepare mode");

		Result unknownJob = syncbatch("run", "vendor-export");
		assertThat(unknownJob.exitCode()).isEqualTo(Cli.BAD_COMMAND);
		assertThat(unknownJob.err()).contains("unknown job 'vendor-export'; jobs: [category-export, customer-export,");

		Result badStatus = syncbatch("history", "customer", "--status=LOST");
		assertThat(badStatus.exitCode()).isEqualTo(Cli.BAD_COMMAND);
		assertThat(badStatus.err()).contains("'LOST' is not a sync status");
	}

	@Test
	void aMistypedCommandIsAnsweredBeforeAnythingStarts() throws Exception {
		Result typo = syncbatch("jbos");

		assertThat(typo.exitCode()).as(typo.toString()).isEqualTo(Cli.BAD_COMMAND);
		assertThat(typo.err()).contains("syncbatch: unknown command 'jbos'; did you mean 'jobs'?", "usage:",
				"history <entity>");
		assertThat(workDir.resolve("data")).as("no database was opened: Spring never started").doesNotExist();

		Result none = syncbatch("--limit=3");
		assertThat(none.exitCode()).isEqualTo(Cli.BAD_COMMAND);
		assertThat(none.err()).contains("syncbatch: a command is required", "usage:");
	}

	@Test
	void aRunThatCannotReachTheStoreExitsOneAndItsRestartCatchesUp() throws Exception {
		// Not a freed ephemeral port, which another process may take meanwhile (H2's
		// AUTO_SERVER listener once did): port 9, discard, is closed here.
		int closedPort = 9;

		Result outage = syncbatch("run", "customer-export", "--syncbatch.stores.sandbox.sandbox=false",
				"--syncbatch.stores.sandbox.api-url=http://127.0.0.1:" + closedPort, "--syncbatch.retry.max-retries=1");

		assertThat(outage.exitCode()).as(outage.toString()).isEqualTo(Cli.JOB_FAILED);
		assertThat(outage.out()).contains("execution 1 FAILED", "prepared   8", "processed  0");
		assertThat(outage.err()).contains("on store sandbox failed: ConnectException", "resume it with: restart 1");

		Result restart = syncbatch("restart", "1");

		assertThat(restart.exitCode()).as(restart.toString()).isZero();
		assertThat(restart.out()).contains("execution 2 COMPLETED", "processed  3 (inserted 3, updated 0)");
	}

	@Test
	void serveRunsAsAServiceWithActuatorHealthAndPrometheus() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Process service = start("serve", "--server.port=" + port);
		try {
			HttpClient http = HttpClient.newHttpClient();
			String health = awaitOk(http, "http://127.0.0.1:" + port + "/actuator/health", service);
			assertThat(health).contains("\"status\":\"UP\"");
			String metrics = awaitOk(http, "http://127.0.0.1:" + port + "/actuator/prometheus", service);
			assertThat(metrics).contains("jvm_memory_used_bytes");
		}
		finally {
			service.destroy();
			service.waitFor(30, TimeUnit.SECONDS);
		}
	}

	private String awaitOk(HttpClient http, String url, Process service) throws Exception {
		Instant deadline = Instant.now().plus(SyncbatchProcess.COMMAND_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			assertThat(service.isAlive()).as("the service exited: " + Files.readString(workDir.resolve("err.txt")))
				.isTrue();
			try {
				HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return response.body();
				}
			}
			catch (IOException notListeningYet) {
				// the service is still starting
			}
			Thread.sleep(250);
		}
		throw new AssertionError("no 200 from " + url + " within " + SyncbatchProcess.COMMAND_TIMEOUT);
	}

	private Result syncbatch(String... arguments) throws Exception {
		return new SyncbatchProcess(workDir, Map.of()).run(arguments);
	}

	private Process start(String... arguments) throws IOException {
		return new SyncbatchProcess(workDir, Map.of()).start(arguments);
	}

}
