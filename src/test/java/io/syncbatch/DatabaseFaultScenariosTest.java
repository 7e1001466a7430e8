package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.annotation.DirtiesContext;

import com.zaxxer.hikari.HikariDataSource;

import io.syncbatch.testsupport.StoreFixture.StoreFault;
import io.syncbatch.testsupport.TestDatabase;

/**
 * A database that goes away mid-run: the run's reason names which one, by its address
 * without credentials, instead of the driver's words about some connection.
 */
class DatabaseFaultScenariosTest extends BigCommerceScenario {

	@Autowired
	@Qualifier("erpDataSource")
	HikariDataSource erpPool;

	@Test
	@DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
	void anErpThatBecomesUnreachableMidRunFailsTheRunNamingTheErp() throws Exception {
		// Two chunks of customers; the second reads the ERP after its pool is gone.
		erp.addCommerceCustomers(120);
		store().failAll(creating(CUSTOMERS), StoreFault.answerAfter(Duration.ofMillis(300)));
		// The pool is closed from beside the run, which is launched in the foreground:
		// when
		// the launch returns, the job's listeners (one writes the reason) have run.
		ExecutorService beside = Executors.newSingleThreadExecutor();
		JobExecution failed;
		try {
			Future<?> closing = beside.submit(() -> {
				awaitFirstStoreRequest(creating(CUSTOMERS));
				erpPool.close();
				return null;
			});
			failed = jobs.launch("customer-export", Map.of());
			closing.get(10, TimeUnit.SECONDS);
		}
		finally {
			beside.shutdownNow();
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription())
			.startsWith("the ERP database at "
					+ (TestDatabase.current() == TestDatabase.EMBEDDED ? "h2:mem:erp-" : "127.0.0.1:3306/"))
			.contains(" was unreachable: ")
			.doesNotContain("password", "user=", "MODE=");
	}

}
