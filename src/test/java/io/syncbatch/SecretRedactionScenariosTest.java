package io.syncbatch;

import static io.syncbatch.testsupport.StoreFixture.Requests.creating;
import static io.syncbatch.testsupport.StoreFixture.Resource.CUSTOMERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import io.syncbatch.definition.SyncDirection;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;
import io.syncbatch.job.RunSummary;
import io.syncbatch.secrets.Secrets;
import io.syncbatch.testsupport.StoreFixture.InjectedFault;
import io.syncbatch.testsupport.StoreFixture.StoreFault;

/**
 * A store (or a proxy before it) whose error pages quote the request's headers hands the
 * engine its own access token back. The token must then be nowhere the engine keeps,
 * shows or logs anything: not in the history's reasons, not in the job repository's exit
 * messages, not in the log; its mask is there instead.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretRedactionScenariosTest extends BigCommerceScenario {

	@Autowired
	JobRepository jobRepository;

	@Test
	void aStoreErrorPageEchoingTheAccessTokenLeavesItNowhere(CapturedOutput output) throws Exception {
		String token = Objects
			.requireNonNull(environment.getProperty("syncbatch.stores." + storeName() + ".access-token"));

		// A refusal (4xx): each customer is FAILED with the page as its reason.
		InjectedFault refused = store().failAll(creating(CUSTOMERS), StoreFault.errorPageEchoingTheCredentials(400));
		RunSummary first = launch(Map.of());
		refused.remove();
		assertThat(first.completed()).as(first.exitDescription()).isTrue();
		assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.FAILED);
		assertThat(history().get("FRUITICO").lastError()).contains("HTTP 400", "X-Auth-Token: " + Secrets.MASK);

		// An outage (5xx) whose page quotes it: the run fails with the page in its
		// reason.
		InjectedFault down = store().failAll(creating(CUSTOMERS), StoreFault.errorPageEchoingTheCredentials(503));
		RunSummary second = launch(Map.of());
		down.remove();
		assertThat(second.completed()).isFalse();
		assertThat(second.exitDescription()).contains("answered 503", "X-Auth-Token: " + Secrets.MASK);

		JdbcTemplate sync = new JdbcTemplate(syncDataSource);
		List<String> kept = new ArrayList<>();
		kept.addAll(sync.queryForList("SELECT last_error FROM sync_record WHERE last_error IS NOT NULL", String.class));
		kept.addAll(sync.queryForList("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION", String.class));
		kept.addAll(sync.queryForList("SELECT EXIT_MESSAGE FROM BATCH_STEP_EXECUTION", String.class));
		assertThat(String.join("\n", kept)).doesNotContain(token).contains("X-Auth-Token: " + Secrets.MASK);
		assertThat(output.getAll()).as("the log").doesNotContain(token).contains("X-Auth-Token: " + Secrets.MASK);
	}

	@Test
	void whateverLogsASecretTheLogShowsItsMask(CapturedOutput output) {
		String token = Objects
			.requireNonNull(environment.getProperty("syncbatch.stores." + storeName() + ".access-token"));

		LoggerFactory.getLogger("any.library")
			.warn("connecting with {}", token,
					new IllegalStateException("refused", new IllegalArgumentException("bad token " + token)));

		assertThat(output.getAll()).doesNotContain(token)
			.contains("connecting with " + Secrets.MASK, "bad token " + Secrets.MASK);
	}

	@Test
	void whateverMessageCarriesASecretTheSyncDatabaseKeepsItsMask() throws Exception {
		String token = Objects
			.requireNonNull(environment.getProperty("syncbatch.stores." + storeName() + ".access-token"));
		RunSummary run = launch(Map.of());

		// Messages from any source, not only a store's answer: a driver naming its URL, a
		// library quoting its configuration.
		JobExecution execution = jobs.execution(run.executionId());
		execution.setExitStatus(new ExitStatus("FAILED", "the driver said: password=" + token));
		jobRepository.update(execution);
		SyncRecord berryBar = history().get("BERRYBAR");
		records.save(SyncDirection.EXPORT,
				List.of(new SyncRecord(berryBar.store(), berryBar.entity(), berryBar.erpId(), berryBar.erpDescription(),
						berryBar.externalId(), berryBar.status(), berryBar.lastOperation(), berryBar.lastDirection(),
						berryBar.erpHash(), berryBar.storeHash(), berryBar.attempts(), "a library said: token " + token,
						berryBar.lastAttemptAt(), berryBar.jobExecutionId(), berryBar.changedAt())));

		JdbcTemplate sync = new JdbcTemplate(syncDataSource);
		assertThat(sync.queryForObject("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, run.executionId()))
			.isEqualTo("the driver said: password=" + Secrets.MASK);
		assertThat(jobs.execution(run.executionId()).getExitStatus().getExitDescription()).doesNotContain(token);
		assertThat(history().get("BERRYBAR").lastError()).isEqualTo("a library said: token " + Secrets.MASK);
	}

}
