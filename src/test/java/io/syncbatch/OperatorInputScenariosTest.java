package io.syncbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

import io.syncbatch.history.SyncStatus;
import io.syncbatch.ops.BatchProcesses;
import io.syncbatch.ops.Cli;
import io.syncbatch.ops.CliCommand;
import io.syncbatch.ops.SyncRefresh;

/**
 * What operators and scripts send, held to bounds: sync refresh works in transactions of
 * {@code syncbatch.refresh.batch-size} ids and refuses more than
 * {@code syncbatch.refresh.max-ids}, still all or nothing for unknown ids; a parameter,
 * filter or ERP id with a control character is refused naming it, on the command line and
 * in the services behind the REST API; an error shows only a short prefix of a bad value.
 */
@TestPropertySource(properties = { "syncbatch.refresh.batch-size=2", "syncbatch.refresh.max-ids=8" })
class OperatorInputScenariosTest extends BigCommerceScenario {

	private static final List<String> SEVEN = List.of("ABCSTUDIOS", "BERRYBAR", "EC00003", "FRUITICO", "JAMIFIQUE",
			"MAPLELEAF", "MARMALADO");

	@TestConfiguration
	static class CountCommits {

		@Bean
		CommitCounter commitCounter() {
			return new CommitCounter();
		}

	}

	/** Registered by Boot with the sync database's transaction manager. */
	static final class CommitCounter implements TransactionExecutionListener {

		final AtomicInteger commits = new AtomicInteger();

		@Override
		public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
			if (commitFailure == null) {
				commits.incrementAndGet();
			}
		}

	}

	@Autowired
	SyncRefresh refresh;

	@Autowired
	BatchProcesses batch;

	@Autowired
	Cli cli;

	@Autowired
	CommitCounter counter;

	@Test
	void aRetryOfManyIdsIsCommittedInBatchesAndStillRefusesUnknownIdsWhole() throws Exception {
		launch(Map.of());

		int before = counter.commits.get();
		assertThat(refresh.retry("customer", null, SEVEN, false)).isEqualTo(7);
		assertThat(counter.commits.get() - before).as("7 ids in transactions of 2").isGreaterThanOrEqualTo(4);
		assertThat(history().values()).filteredOn(record -> SEVEN.contains(record.erpId()))
			.allSatisfy(record -> assertThat(record.status()).isEqualTo(SyncStatus.PREPARED));

		List<String> lastUnknown = new ArrayList<>(List.of("FRUITICO", "JAMIFIQUE", "MARMALADO", "ORCHARDCO"));
		lastUnknown.add("NOSUCH");
		assertThatThrownBy(() -> refresh.abort("customer", null, lastUnknown))
			.hasMessageContaining("for ERP id(s) [NOSUCH]; nothing was changed");
		assertThat(history().get("FRUITICO").status()).as("the first batch was not aborted either")
			.isEqualTo(SyncStatus.PREPARED);
	}

	@Test
	void retryAllFailedGoesThroughTheFailedRecordsABatchAtATime() throws Exception {
		launch(Map.of());
		refresh.abort("customer", null, List.of("ABCSTUDIOS", "EC00003", "FRUITICO", "JAMIFIQUE", "MAPLELEAF"));

		int before = counter.commits.get();
		assertThat(refresh.retry("customer", null, List.of(), true)).as("five ABORTED and BERRYBAR FAILED")
			.isEqualTo(6);
		assertThat(counter.commits.get() - before).as("6 records in transactions of 2").isGreaterThanOrEqualTo(3);
		assertThat(history().values()).filteredOn(record -> record.status() == SyncStatus.PREPARED).hasSize(6);
	}

	@Test
	void moreIdsThanTheMaximumAreRefusedBeforeAnythingChanges() throws Exception {
		launch(Map.of());
		List<String> nine = new ArrayList<>(SEVEN);
		nine.addAll(List.of("ORCHARDCO", "FRUITICO"));

		assertThatThrownBy(() -> refresh.retry("customer", null, nine, false))
			.hasMessage("retry takes at most 8 ERP ids per request (syncbatch.refresh.max-ids), got 9;"
					+ " send them in several requests, or use all failed");
		assertThatThrownBy(() -> refresh.abort("customer", null, nine)).hasMessageContaining("abort takes at most 8");
		assertThat(history().get("BERRYBAR").status()).isEqualTo(SyncStatus.FAILED);
	}

	@Test
	void aValueWithAControlCharacterIsRefusedNamingTheParameter() throws Exception {
		assertThatThrownBy(() -> jobs.launch("customer-export", Map.of("mode", "full\nINFO forged log line")))
			.isInstanceOf(InvalidJobParametersException.class)
			.hasMessageStartingWith("job customer-export: parameter 'mode' holds a control character (U+000A)"
					+ " at position 5: 'full\\u000AINFO forged log line'");
		assertThatThrownBy(() -> batch.process("customer", null, List.of("FRUITICO", "JAMI\u0000FIQUE"), true))
			.hasMessageContaining("parameter 'ids' holds a control character (U+0000)");
		assertThatThrownBy(() -> batch.processAll("customer", null, Map.of("customerClasses", "COMMERCEBB\r"), true))
			.hasMessageContaining("filter 'customerClasses' holds a control character (U+000D)");
		assertThatThrownBy(() -> batch.load("customer", null, Map.of("customers", "FRUITICO\u2028"), 10))
			.hasMessageContaining("filter 'customers' holds a control character (U+2028)");
		assertThatThrownBy(() -> refresh.retry("customer", null, List.of("BERRY\tBAR"), false))
			.hasMessageContaining("ERP id number 1 holds a control character (U+0009)");
		assertThat(state.jobExecutionCount()).as("nothing was launched").isZero();

		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = cli.execute(CliCommand.parse(new String[] { "run", "customer-export", "mode=full\nINFO forged" }),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(exit).isEqualTo(Cli.BAD_COMMAND);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("parameter 'mode' holds a control character (U+000A)")
			.doesNotContain("\nINFO forged");
	}

	@Test
	void anErrorShowsOnlyAShortPrefixOfABadValue() {
		String huge = "x".repeat(40) + "q".repeat(10_000);
		// Under the job repository's 2,500 characters, so that the mode itself is read.
		String longMode = "x".repeat(40) + "q".repeat(2_000);
		assertThatThrownBy(() -> jobs.launch("customer-export", Map.of("mode", longMode)))
			.hasMessageContaining("'" + "x".repeat(40) + "'… (2040 characters)")
			.satisfies(e -> assertThat(e.getMessage()).doesNotContain("q").hasSizeLessThan(300));
		assertThatThrownBy(() -> jobs.launch("customer-export", Map.of("mode", huge)))
			.hasMessageContaining("parameter 'mode' is 10,040 characters long")
			.satisfies(e -> assertThat(e.getMessage()).doesNotContain("xxxx").hasSizeLessThan(300));
		assertThatThrownBy(() -> batch.load("customer", null, Map.of(huge, "1"), 10))
			.satisfies(e -> assertThat(e.getMessage()).startsWith("unknown filter 'xxxx").doesNotContain("q"));
		assertThatThrownBy(() -> refresh.abort("customer", null, List.of(huge)))
			.satisfies(e -> assertThat(e.getMessage()).contains("… (10040 characters)").doesNotContain("q"));
	}

}
