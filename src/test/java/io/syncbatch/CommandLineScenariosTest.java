package io.syncbatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.syncbatch.ops.Cli;
import io.syncbatch.ops.CliCommand;

/**
 * The operator's commands as the packaged jar runs them (the same {@link Cli} bean, minus
 * the JVM start), where the answer is a sentence and an exit code rather than an internal
 * exception.
 */
class CommandLineScenariosTest extends BigCommerceScenario {

	@Autowired
	Cli cli;

	@Test
	void anExecutionThatDoesNotExistIsNamedAndExitsTwo() {
		for (String command : new String[] { "restart", "stop", "recover" }) {
			Ran ran = syncbatch(command, "999999");
			assertThat(ran.exitCode()).as(command).isEqualTo(Cli.BAD_COMMAND);
			assertThat(ran.err()).as(command)
				.contains("execution 999999 does not exist")
				.doesNotContain("Incorrect result size");
		}
	}

	@Test
	void restartingACompletedRunIsRefusedWithExitThree() {
		assertThat(syncbatch("run", "customer-export").exitCode()).isZero();
		long completed = state.lastJobExecutionId();

		Ran again = syncbatch("restart", String.valueOf(completed));

		assertThat(again.exitCode()).isEqualTo(Cli.REFUSED);
		assertThat(again.err()).contains("execution " + completed + " of customer-export already completed")
			.doesNotContain("A job instance already exists");
		assertThat(state.jobExecutionCount()).isEqualTo(1);
	}

	@Test
	void processOfUnknownErpIdsIsRefusedBeforeAnythingIsRecorded() {
		Ran unknown = syncbatch("process", "customer", "FRUITICO", "NOSUCH");

		assertThat(unknown.exitCode()).isEqualTo(Cli.BAD_COMMAND);
		assertThat(unknown.err()).contains("no customer with ERP id(s) [NOSUCH] in the ERP or in the sync history",
				"nothing was launched");

		Ran overLong = syncbatch("process", "customer", "X".repeat(2500));
		assertThat(overLong.exitCode()).isEqualTo(Cli.BAD_COMMAND);
		assertThat(overLong.err()).contains("is 2,500 characters long; the sync history keeps ERP ids of at most 128");
		assertThat(state.jobExecutionCount()).isZero();
		assertThat(state.jobInstanceCount()).isZero();
	}

	@Test
	void limitsBelowOneAreRefusedInPlainWords() {
		for (String[] command : new String[][] { { "executions", "--limit=0" }, { "load", "customer", "--limit=-3" },
				{ "executions", "--limit=many" } }) {
			Ran ran = syncbatch(command);
			assertThat(ran.exitCode()).as(String.join(" ", command)).isEqualTo(Cli.BAD_COMMAND);
			assertThat(ran.err()).as(String.join(" ", command)).contains("--limit", "whole number");
		}
	}

	@Test
	void theUnknownParameterMessageOffersOnlyWhatAnOperatorMayGive() {
		Ran typo = syncbatch("run", "customer-export", "modee=full");
		assertThat(typo.err()).contains("unknown parameter 'modee'; accepted: [").doesNotContain("launched.at");

		Ran internal = syncbatch("run", "customer-export", "launched.at=2026-01-01T00:00:00Z");
		assertThat(internal.exitCode()).isEqualTo(Cli.BAD_COMMAND);
		assertThat(internal.err()).contains("unknown parameter 'launched.at'");
		assertThat(state.jobExecutionCount()).isZero();
	}

	@Test
	void executionsShowsTheErpRowsReadNotBatchsItemCounts() {
		assertThat(syncbatch("run", "customer-export").exitCode()).isZero();

		Ran executions = syncbatch("executions");

		assertThat(executions.out()).contains("READ", "PREPARED", "PROCESSED", "FILTERED", "FAILED")
			.doesNotContain("WRITTEN", "SKIPPED")
			.containsPattern("customer-export +" + storeName() + " +COMPLETED +\\S+ \\S+ +\\S+ \\S+ +8 +8 +3 +4 +1");
	}

	private Ran syncbatch(String... arguments) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exitCode = cli.execute(CliCommand.parse(arguments), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Ran(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	record Ran(int exitCode, String out, String err) {
	}

}
