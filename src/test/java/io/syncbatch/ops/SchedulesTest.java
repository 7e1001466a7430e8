package io.syncbatch.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.SyncbatchApplication;
import io.syncbatch.definition.DefinitionException;
import io.syncbatch.job.ExecutionView;
import io.syncbatch.job.SyncJobs;
import io.syncbatch.testsupport.BigCommerceStoreFixture;
import io.syncbatch.testsupport.ContractValidatedStore;
import io.syncbatch.testsupport.TestDatabase;

/**
 * {@code serve} launches the configured schedules with their parameters, one run at a
 * time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("embedded")
// The schedule fires every second: close this context after its tests instead of keeping
// it in the cache.
@DirtiesContext
class SchedulesTest {

	@RegisterExtension
	static final ContractValidatedStore STORE = ContractValidatedStore.start();

	@DynamicPropertySource
	static void everySecondInFullMode(DynamicPropertyRegistry registry) {
		TestDatabase.EMBEDDED.registerDatabases(registry);
		new BigCommerceStoreFixture(STORE).pointStoreAt("sandbox", registry);
		registry.add("syncbatch.schedules[0].job", () -> "customer-export");
		registry.add("syncbatch.schedules[0].cron", () -> "* * * * * *");
		registry.add("syncbatch.schedules[0].parameters.mode", () -> "full");
	}

	@Autowired
	SyncJobs jobs;

	@Test
	void theScheduleLaunchesTheJobWithItsParametersAndRunsNeverOverlap() throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		List<ExecutionView> ended;
		do {
			Thread.sleep(200);
			ended = jobs.executions("customer-export", 50).stream().filter(e -> e.end() != null).toList();
			assertThat(Instant.now()).as("two scheduled runs ended").isBefore(deadline);
		}
		while (ended.size() < 2);

		assertThat(ended).allSatisfy(run -> {
			assertThat(run.status()).isEqualTo("COMPLETED");
			assertThat(jobs.execution(run.id()).getJobParameters().getString("mode")).isEqualTo("full");
		});
		List<ExecutionView> inOrder = ended.stream().sorted(Comparator.comparingLong(ExecutionView::id)).toList();
		for (int i = 1; i < inOrder.size(); i++) {
			assertThat(inOrder.get(i).start()).isAfterOrEqualTo(inOrder.get(i - 1).end());
		}
		assertThat(STORE.customers()).as("the first run exported, the others found nothing new").hasSize(3);
	}

	@Test
	void aScheduleThatCouldNeverRunStopsStartUpNamingIt() {
		SpringApplicationBuilder badCron = new SpringApplicationBuilder(SyncbatchApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.profiles.active=embedded",
					"syncbatch.erp.datasource.url=jdbc:h2:mem:bad-" + UUID.randomUUID()
							+ ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
					"spring.datasource.url=jdbc:h2:mem:badsync-" + UUID.randomUUID() + ";MODE=MySQL",
					"syncbatch.schedules[0].job=customer-export", "syncbatch.schedules[0].cron=every hour");

		assertThatThrownBy(badCron::run).rootCause()
			.isInstanceOf(DefinitionException.class)
			.hasMessageStartingWith("syncbatch.schedules[0]: ")
			.hasMessageContaining("every hour");
	}

}
