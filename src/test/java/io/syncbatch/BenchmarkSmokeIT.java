package io.syncbatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbatch.bench.Benchmark;
import io.syncbatch.bench.Benchmark.Options;
import io.syncbatch.bench.Benchmark.Report;
import io.syncbatch.testsupport.MariaDbCondition;
import io.syncbatch.testsupport.MariaDbSuite;

/**
 * The benchmark of bench/run at 10,000 customers, so the harness cannot rot: it checks
 * that every phase did what it claims (counts, and no customer created twice), not how
 * fast.
 */
@MariaDbSuite
class BenchmarkSmokeIT {

	private static final int ROWS = 10_000;

	private static final int SLOW_ROWS = 500;

	@TempDir
	Path workDir;

	@Test
	void everyPhaseOfTheBenchmarkSyncsWhatItSays() throws Exception {
		Options options = Options.parse("--rows=" + ROWS, "--slow-rows=" + SLOW_ROWS,
				"--server=" + MariaDbCondition.jdbcUrl(), "--database=syncbatch_bench_smoke",
				"--jar=" + System.getProperty("syncbatch.jar", "target/syncbatch.jar"), "--work-dir=" + workDir);

		Report report = Benchmark.run(options, System.out);

		assertThat(report.generated()).isEqualTo(ROWS);
		assertThat(report.floorRows()).as("(a)").isEqualTo(ROWS);
		assertThat(report.recordFloorRows()).as("(a2)").isEqualTo(ROWS);
		assertThat(report.full().prepared()).as("(b)").isEqualTo(ROWS);
		assertThat(report.full().processed()).as("(e)").isEqualTo(ROWS);
		assertThat(report.fastStoreCreated()).as("each customer created once").isEqualTo(ROWS);
		assertThat(report.fastStoreCustomers()).isEqualTo(ROWS);
		assertThat(report.changed()).isEqualTo(ROWS / 100);
		assertThat(report.incremental().prepared()).as("(c)").isEqualTo(ROWS / 100);
		assertThat(report.incremental().processed()).isEqualTo(ROWS / 100);
		assertThat(report.unchanged().prepared()).as("(d)").isZero();
		// The date range selects the first 500 customers, less the five changed to today
		// by (c).
		assertThat(report.slow().processed()).as("(f)")
			.isEqualTo(SLOW_ROWS - SLOW_ROWS / 100)
			.isEqualTo(report.slowStoreCustomers());
		assertThat(Benchmark.render(report)).contains("(b)/(a) = ", "(f)/ideal = ", "peak heap");
	}

}
