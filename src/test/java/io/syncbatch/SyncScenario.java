package io.syncbatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.job.DefinitionJobRegistry;
import io.syncbatch.job.RunSummary;
import io.syncbatch.job.SyncJobs;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.RunLocks;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.testsupport.ErpDatabase;
import io.syncbatch.testsupport.StoreFixture;
import io.syncbatch.testsupport.SyncScenarioSuite;
import io.syncbatch.testsupport.SyncState;
import io.syncbatch.testsupport.TestDatabase;

/**
 * Given the demo company in a real ERP database, an empty sync database and a
 * contract-checked store: the plumbing every scenario suite shares, whatever the store's
 * platform. Each suite is one class; the databases are those {@link TestDatabase} chooses
 * for the JVM (embedded by default, MariaDB in Surefire's {@code scenarios-on-mariadb}
 * execution).
 */
@SyncScenarioSuite
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@SpringBatchTest
abstract class SyncScenario {

	@DynamicPropertySource
	static void databases(DynamicPropertyRegistry registry) {
		TestDatabase.current().registerDatabases(registry);
	}

	@Autowired
	SyncJobs jobs;

	@Autowired
	SyncRecordRepository records;

	@Autowired
	RunLocks runLocks;

	@Autowired
	DefinitionJobRegistry registry;

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	JobRepositoryTestUtils jobRepositoryTestUtils;

	@Autowired
	DataSource syncDataSource;

	@Autowired
	Environment environment;

	ErpDatabase erp;

	SyncState state;

	/**
	 * The store of the platform the suite runs against, pointed at by the platform's
	 * scenario class ({@link BigCommerceScenario}, {@link MagentoScenario}), which
	 * registers it as an extension.
	 */
	abstract StoreFixture store();

	String storeName() {
		return TestDatabase.current().storeName();
	}

	@BeforeEach
	void givenTheDemoCompanyAndAnEmptyStore() {
		erp = new ErpDatabase(environment);
		erp.reset();
		state = new SyncState(syncDataSource, jobRepositoryTestUtils);
		state.clear();
	}

	RunSummary launch(Map<String, String> parameters) throws Exception {
		return RunSummary.of(jobs.launch("customer-export", parameters));
	}

	/**
	 * Only the prepare step of customer-export, through spring-batch-test's
	 * {@code JobOperatorTestUtils}: every record it finds waits as PREPARED, and nothing
	 * is sent. It returns its own record, not the step execution: spring-batch-test's
	 * scope listeners call every method of the test that returns an execution before each
	 * test.
	 */
	PreparedAlone prepareAlone() throws Exception {
		jobOperatorTestUtils.setJob(registry.getJob("customer-export"));
		var parameters = new JobParametersBuilder().addString("store", storeName())
			.addString("launched.at", Instant.now().toString())
			.toJobParameters();
		JobExecution execution = jobOperatorTestUtils.startStep("customer-prepare", parameters, null);
		StepExecution step = execution.getStepExecutions().iterator().next();
		return new PreparedAlone(step.getStatus(), step.getReadCount());
	}

	/** How the prepare step ended and how many ERP rows it read. */
	record PreparedAlone(BatchStatus status, long read) {
	}

	Map<String, SyncRecord> history() {
		return records.history(storeName(), "customer", null)
			.stream()
			.filter(record -> record.erpId() != null)
			.collect(Collectors.toMap(SyncRecord::erpId, Function.identity()));
	}

	/** The store's orders in the history, by store id. */
	Map<String, SyncRecord> orders() {
		return records.history(storeName(), "sales-order", null)
			.stream()
			.filter(record -> record.externalId() != null)
			.collect(Collectors.toMap(SyncRecord::externalId, Function.identity()));
	}

	/** The ERP's sales order of type SO with this number, its columns by name. */
	Map<String, Object> erpOrder(String orderNbr) {
		Map<String, Object> row = new org.springframework.util.LinkedCaseInsensitiveMap<>();
		row.putAll(erp.jdbc()
			.queryForMap("SELECT * FROM SOOrder WHERE CompanyID = 2 AND OrderType = 'SO' AND OrderNbr = ?", orderNbr));
		return row;
	}

	Map<String, Map<String, Object>> storeCustomersByEmail() {
		return store().customers()
			.stream()
			.collect(Collectors.toMap(customer -> (String) customer.get("email"), Function.identity()));
	}

	long storeWrites() {
		return store().writes();
	}

	/**
	 * A customer created in the store directly, through the same contract-checked API;
	 * its store id.
	 */
	String createInStore(String email, String firstName, String lastName) {
		return store().createCustomer(email, firstName, lastName);
	}

	/**
	 * Waits until the store has received a request of these; called after the store
	 * forgot its requests, the first one seen is the running job's.
	 */
	void awaitFirstStoreRequest(StoreFixture.Requests which) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (store().requests(which).isEmpty()) {
			assertThat(Instant.now()).as("a request reached the store").isBefore(deadline);
			Thread.sleep(20);
		}
	}

	/**
	 * Waits until the execution has ended. Not returning a JobExecution:
	 * spring-batch-test would take a method returning one for an execution factory.
	 */
	BatchStatus awaitEnd(long executionId) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		JobExecution execution = jobs.execution(executionId);
		// The job repository records the end before the job's listeners run, and one of
		// them
		// releases the execution's lock: it has ended when that is done too.
		while (execution.isRunning() || runLocks.boundTo(executionId).isPresent()) {
			assertThat(Instant.now()).as("execution " + executionId + " ended").isBefore(deadline);
			Thread.sleep(50);
			execution = jobs.execution(executionId);
		}
		return execution.getStatus();
	}

}
