package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.syncbatch.job.RunSummary;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * Given the seed walkthrough's customers, when customer-export runs, then the meters (and
 * the log) say what the run summary says, tagged with the store and entity: what
 * Prometheus scrapes and the dashboard plots. Meters live as long as the application
 * context, so each scenario compares them before and after its runs.
 */
@TestPropertySource(properties = "syncbatch.metrics.state-max-age=0s")
class MetricsScenariosTest extends BigCommerceScenario {

	@Autowired
	MeterRegistry meters;

	private final ListAppender<ILoggingEvent> runLog = new ListAppender<>() {
		@Override
		protected void append(ILoggingEvent event) {
			// Takes the MDC now, as an asynchronous appender would; it is read lazily
			// otherwise.
			event.prepareForDeferredProcessing();
			super.append(event);
		}
	};

	@BeforeEach
	void listenToTheRunLog() {
		// Tests log at WARN (logback-test.xml); the run log is INFO, captured here
		// instead of printed.
		runLog.start();
		logger().setLevel(Level.INFO);
		logger().setAdditive(false);
		logger().addAppender(runLog);
	}

	@AfterEach
	void stopListening() {
		logger().detachAppender(runLog);
		logger().setAdditive(true);
		logger().setLevel(null);
	}

	@Test
	void prepareAndProcessCountsBacklogAndLastCompletedRunAreMeteredPerStoreAndEntity() throws Exception {
		double prepared = counter("syncbatch.records.prepared");
		double inserted = counter("syncbatch.records.processed", "operation", "INSERTED_EXTERNALLY");
		double filtered = counter("syncbatch.records.filtered");
		double failed = counter("syncbatch.records.failed");
		double unchanged = counter("syncbatch.records.skipped", "reason", "unchanged");
		long completedRuns = runs("COMPLETED");

		RunSummary first = launch(Map.of());
		RunSummary again = launch(Map.of("mode", "full"));

		assertThat(counter("syncbatch.records.prepared") - prepared).isEqualTo(first.prepared()).isEqualTo(8);
		assertThat(counter("syncbatch.records.processed", "operation", "INSERTED_EXTERNALLY") - inserted)
			.isEqualTo(first.inserted())
			.isEqualTo(3);
		assertThat(counter("syncbatch.records.filtered") - filtered).isEqualTo(first.filtered()).isEqualTo(4);
		assertThat(counter("syncbatch.records.failed") - failed).as("BERRYBAR failed in both runs")
			.isEqualTo(first.failed() + again.failed())
			.isEqualTo(2);
		assertThat(counter("syncbatch.records.skipped", "reason", "unchanged") - unchanged)
			.as("the full run read all eight again and found nothing changed")
			.isEqualTo(8);
		assertThat(runs("COMPLETED") - completedRuns).isEqualTo(2);

		assertThat(backlog(SyncStatus.FAILED)).isEqualTo(count(SyncStatus.FAILED)).isEqualTo(1);
		assertThat(backlog(SyncStatus.PREPARED)).isZero();
		double endOfSecondRun = jobs.execution(again.executionId())
			.getEndTime()
			.atZone(ZoneId.systemDefault())
			.toInstant()
			.toEpochMilli() / 1000.0;
		assertThat(meters.get("syncbatch.last.completed.run.timestamp")
			.tag("store", storeName())
			.tag("entity", "customer")
			.tag("direction", "export")
			.gauge()
			.value()).isCloseTo(endOfSecondRun, within(0.001));
		assertThat(meters.get("syncbatch.last.completed.run.timestamp")
			.tag("store", storeName())
			.tag("entity", "product")
			.gauge()
			.value()).as("never ran").isNaN();
	}

	@Test
	void springBatchsOwnJobAndStepTimersCarryTheStoreAndEntity() throws Exception {
		launch(Map.of());

		assertThat(meters.get("spring.batch.job")
			.tag("store", storeName())
			.tag("entity", "customer")
			.tag("spring.batch.job.status", "COMPLETED")
			.timer()
			.count()).isPositive();
		assertThat(meters.get("spring.batch.step")
			.tag("store", storeName())
			.tag("entity", "customer")
			.tag("spring.batch.step.name", "customer-process")
			.timer()
			.count()).isPositive();
		assertThat(meters.get("spring.batch.chunk.write")
			.tag("spring.batch.chunk.write.step.name", "customer-prepare")
			.timer()
			.count()).as("chunk observations too").isPositive();
		assertThat(meters.find("spring.batch.item.read").timers()).as("per-item timers are off by default").isEmpty();
	}

	@Test
	void retriesAndRateLimitWaitsAreCountedPerStore() throws Exception {
		double retries = meters.get("syncbatch.store.retries").tag("store", storeName()).counter().count();
		long waits = meters.get("syncbatch.store.rate.limit.wait").tag("store", storeName()).timer().count();
		store().failFirst(creating(CUSTOMERS), StoreFault.rateLimited(Duration.ofMillis(300)),
				StoreFault.unavailable());

		RunSummary run = launch(Map.of());

		assertThat(run.inserted()).isEqualTo(3);
		assertThat(meters.get("syncbatch.store.retries").tag("store", storeName()).counter().count() - retries)
			.as("after the 429 and after the 503")
			.isEqualTo(2);
		assertThat(meters.get("syncbatch.store.rate.limit.wait").tag("store", storeName()).timer().count() - waits)
			.as("the 429's pause")
			.isEqualTo(1);
	}

	@Test
	void everyStepAndTheJobLogOneLineWithTheirCountsAndTheRunInTheLoggingContext() throws Exception {
		RunSummary run = launch(Map.of());

		List<ILoggingEvent> ends = runLog.list;
		assertThat(ends).extracting(event -> value(event, "runEvent"))
			.containsExactly("step.end", "step.end", "step.end", "step.end", "job.end");
		assertThat(ends).allSatisfy(event -> assertThat(event.getMDCPropertyMap()).containsEntry("store", storeName())
			.containsEntry("entity", "customer")
			.containsEntry("jobExecutionId", String.valueOf(run.executionId())));
		ILoggingEvent job = ends.get(4);
		assertThat(job.getFormattedMessage())
			.startsWith("Job customer-export execution " + run.executionId() + " ended COMPLETED")
			.contains("prepared=8", "processed=3", "filtered=4", "failed=1");
		assertThat(value(job, "prepared")).isEqualTo(8L);
		assertThat(value(job, "processed")).isEqualTo(3L);
		assertThat(value(ends.get(0), "step")).isEqualTo("customer-prepare");
		assertThat(value(ends.get(0), "prepared")).isEqualTo(8L);
		assertThat(value(ends.get(1), "step")).as("an incremental run finds no deletions")
			.isEqualTo("customer-find-deleted");
	}

	private static Object value(ILoggingEvent event, String key) {
		return event.getKeyValuePairs() == null ? null
				: event.getKeyValuePairs()
					.stream()
					.filter(pair -> pair.key.equals(key))
					.map(pair -> pair.value)
					.findFirst()
					.orElse(null);
	}

	private static Logger logger() {
		return (Logger) LoggerFactory.getLogger("io.syncbatch.job.RunLog");
	}

	/**
	 * A customer-export counter: customers are bidirectional, and each way counts apart.
	 */
	private double counter(String name, String... tags) {
		return meters.get(name)
			.tag("store", storeName())
			.tag("entity", "customer")
			.tag("direction", "export")
			.tags(tags)
			.counter()
			.count();
	}

	private long runs(String status) {
		return meters.get("syncbatch.runs")
			.tag("store", storeName())
			.tag("entity", "customer")
			.tag("direction", "export")
			.tag("status", status)
			.timer()
			.count();
	}

	private double backlog(SyncStatus status) {
		return meters.get("syncbatch.backlog")
			.tag("store", storeName())
			.tag("entity", "customer")
			.tag("direction", "export")
			.tag("status", status.name())
			.gauge()
			.value();
	}

	private long count(SyncStatus status) {
		return history().values().stream().filter(record -> record.status() == status).count();
	}

}
