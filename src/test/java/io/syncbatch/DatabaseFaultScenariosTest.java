package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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
class DatabaseFaultScenariosTest extends SyncScenario {

	@Autowired
	@Qualifier("erpDataSource")
	HikariDataSource erpPool;

	@Test
	@DirtiesContext(methodMode = DirtiesContext.MethodMode.AFTER_METHOD)
	void anErpThatBecomesUnreachableMidRunFailsTheRunNamingTheErp() throws Exception {
		// Two chunks of customers; the second reads the ERP after its pool is gone.
		erp.addCommerceCustomers(120);
		store().failAll(creating(CUSTOMERS), StoreFault.answerAfter(Duration.ofMillis(300)));
		JobExecution running = jobs.launchInBackground("customer-export", Map.of());
		awaitFirstStoreRequest(creating(CUSTOMERS));

		erpPool.close();

		awaitEndWithItsReason(running.getId());
		JobExecution failed = jobs.execution(running.getId());
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription())
			.startsWith("the ERP database at "
					+ (TestDatabase.current() == TestDatabase.EMBEDDED ? "h2:mem:erp-" : "127.0.0.1:3306/"))
			.contains(" was unreachable: ")
			.doesNotContain("password", "user=", "MODE=");
	}

	private void awaitEndWithItsReason(long executionId) throws InterruptedException {
		awaitEnd(executionId);
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		JobExecution execution = jobs.execution(executionId);
		// The job repository records the end twice: once before the job's listeners (one
		// of which writes the reason), once after them.
		while (!execution.getExitStatus().getExitDescription().contains("unreachable")
				&& Instant.now().isBefore(deadline)) {
			Thread.sleep(50);
			execution = jobs.execution(executionId);
		}
	}

}
