package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.to;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import io.syncbatch.job.RunSummary;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * A long run shows where it has got to while it lasts, on stderr, at the configured
 * interval: here not on a terminal (as under a scheduler), so plain lines that are kept.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "syncbatch.progress.enabled=true", "syncbatch.progress.plain-interval=150ms" })
class RunProgressScenariosTest extends BigCommerceScenario {

	private static final Duration INTERVAL = Duration.ofMillis(150);

	private static final Pattern PROCESS_LINE = Pattern.compile(
			"customer-export execution (\\d+) running: process (\\d+) of (\\d+) records \\(inserted (\\d+), updated 0,"
					+ " filtered (\\d+), failed (\\d+)\\), [\\d.]+ records/s(, about \\d+[^,]* left)?");

	@Test
	void aLongRunPrintsPlainProgressLinesAtTheIntervalWithTheBacklogItStartedWith(CapturedOutput output)
			throws Exception {
		erp.addCommerceCustomers(120);
		// Each customer request takes a while, so the process step lasts several
		// intervals.
		store().failAll(to(CUSTOMERS), StoreFault.answerAfter(Duration.ofMillis(300)));

		RunSummary run = launch(Map.of());

		assertThat(run.completed()).isTrue();
		List<String> lines = output.getErr()
			.lines()
			.filter(line -> line.contains("customer-export execution " + run.executionId() + " running: "))
			.toList();
		long intervals = run.took().toMillis() / INTERVAL.toMillis();
		assertThat(lines).as("about one line per interval of a %d ms run", run.took().toMillis())
			.hasSizeGreaterThanOrEqualTo((int) Math.max(3, intervals / 3))
			.hasSizeLessThanOrEqualTo((int) intervals + 2);
		assertThat(lines).as("plain lines, nothing redrawn").noneMatch(line -> line.contains("\r"));
		assertThat(output.getOut()).as("stdout stays the summary").doesNotContain("running: ");

		List<Matcher> process = lines.stream().map(PROCESS_LINE::matcher).filter(Matcher::matches).toList();
		assertThat(process).as("process lines in %s", lines).hasSizeGreaterThanOrEqualTo(3);
		long previous = -1;
		for (Matcher line : process) {
			long done = Long.parseLong(line.group(2));
			assertThat(done).as("records done only grow").isGreaterThanOrEqualTo(previous);
			assertThat(line.group(3)).as("the backlog: the demo's 8 customers and 120 more, all prepared")
				.isEqualTo("128");
			previous = done;
		}
		assertThat(process).as("an estimate of what is left while records remain")
			.anyMatch(line -> line.group(7) != null);
		assertThat(previous).isLessThanOrEqualTo(run.processed() + run.filtered() + run.failed());
	}

}
