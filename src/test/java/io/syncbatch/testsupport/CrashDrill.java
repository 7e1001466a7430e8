package io.syncbatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The packaged jar killed with SIGKILL at a chosen moment, and what an operator does
 * next: the crash tests' drill, whatever the store's platform.
 */
public final class CrashDrill {

	private final SyncbatchProcess syncbatch;

	private final JdbcTemplate jdbc;

	private final UnaryOperator<String[]> args;

	/**
	 * @param args a command line as the jar is run with it here, e.g.
	 * {@link JarOnMariaDb#args}
	 */
	public CrashDrill(SyncbatchProcess syncbatch, JdbcTemplate jdbc, UnaryOperator<String[]> args) {
		this.syncbatch = syncbatch;
		this.jdbc = jdbc;
		this.args = args;
	}

	/** A command run to its end. */
	public SyncbatchProcess.Result run(String... command) throws Exception {
		return syncbatch.run(args.apply(command));
	}

	/** A command started, not waited for. */
	public Process start(String... command) throws Exception {
		return syncbatch.start(args.apply(command));
	}

	/** Runs the command, kills it once {@code ready}, and returns its job execution. */
	public long killWhen(BooleanSupplier ready, String... command) throws Exception {
		Process run = start(command);
		await(run, ready);
		kill(run);
		return lastExecution();
	}

	public void await(Process run, BooleanSupplier ready) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		while (!ready.getAsBoolean()) {
			assertThat(run.isAlive()).as("the run is still going: " + syncbatch.read("err.txt")).isTrue();
			assertThat(Instant.now()).as("the kill point was reached").isBefore(deadline);
			Thread.sleep(20);
		}
	}

	/**
	 * SIGKILL: no shutdown hook, no rollback by the JVM, exactly like a crash or an OOM
	 * kill.
	 */
	public static void kill(Process run) throws InterruptedException {
		run.destroyForcibly();
		assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(run.exitValue()).as("killed by SIGKILL").isEqualTo(137);
	}

	public long lastExecution() {
		return jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
	}

	/**
	 * What the operator does: the killed execution looks alive until its lease expires
	 * (restart and recover are refused), then recover and restart complete it.
	 */
	public void recoverAndRestart(long execution) throws Exception {
		assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, execution))
			.as("a killed run is still STARTED")
			.isEqualTo("STARTED");

		var refused = run("restart", String.valueOf(execution));
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
		assertThat(refused.err()).as("a killed process looks alive until its lease expires")
			.contains("renewed its lease");
		var live = run("recover", String.valueOf(execution));
		assertThat(live.exitCode()).as(live.toString()).isEqualTo(3);
		assertThat(live.err()).contains("is still running");
		// As if the lease (a minute by default) had run out.
		jdbc.update("UPDATE sync_run_lock SET lease_expires_at = TIMESTAMPADD(SECOND, -1, LOCALTIMESTAMP(3))");

		var recovered = run("recover", String.valueOf(execution));
		assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
		var restarted = run("restart", String.valueOf(execution));
		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		assertThat(restarted.out()).contains("COMPLETED");
	}

}
