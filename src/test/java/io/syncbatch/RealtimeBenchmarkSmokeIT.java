package io.syncbatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbatch.bench.RealtimeBenchmark;
import io.syncbatch.bench.RealtimeBenchmark.Options;
import io.syncbatch.bench.RealtimeBenchmark.Report;
import io.syncbatch.testsupport.MariaDbCondition;
import io.syncbatch.testsupport.MariaDbSuite;

/**
 * The real-time benchmark of bench/realtime at a low rate, so the harness cannot rot: it
 * checks that every notification was acknowledged and processed and every change reached
 * the store, not how fast.
 */
@MariaDbSuite
class RealtimeBenchmarkSmokeIT {

	@TempDir
	Path workDir;

	@Test
	void everyNotificationIsAcknowledgedAndEveryChangeReachesTheStore() throws Exception {
		Options options = Options.parse("--ack-rate=100", "--warm-up-seconds=1", "--ack-seconds=3", "--change-rate=20",
				"--change-seconds=3", "--server=" + MariaDbCondition.jdbcUrl(), "--database=syncbatch_realtime_smoke",
				"--jar=" + System.getProperty("syncbatch.jar", "target/syncbatch.jar"), "--work-dir=" + workDir);

		Report report = RealtimeBenchmark.run(options, System.out);

		assertThat(report.warmUp().count()).isEqualTo(100);
		assertThat(report.acknowledged().count()).isEqualTo(300);
		assertThat(report.refused()).as("every notification acknowledged").isZero();
		assertThat(report.storeCreated()).as("each new customer created once").isEqualTo(400);
		assertThat(report.storeCustomers()).isEqualTo(400);
		assertThat(report.changes().count()).as("every change reached the store").isEqualTo(60);
		assertThat(report.changesMissing()).isZero();
		assertThat(report.inbox()).as("one message per notification, each processed")
			.isEqualTo(Map.of("PROCESSED", 460L));
		assertThat(RealtimeBenchmark.render(report)).contains("(g) acknowledgement at 100", "(h) ERP change to store");
	}

}
