package io.syncbatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import io.syncbatch.job.RunSummary;
import io.syncbatch.ops.SyncRefresh;
import io.syncbatch.state.SyncRecord;
import io.syncbatch.state.SyncStatus;

/**
 * What operators do between runs: sync refresh (retry one record, several, or every failed one), abort, the
 * attempt limit, and stopping a running execution gracefully then restarting it.
 */
abstract class OperatorScenarios extends SyncScenario {

    @Autowired
    SyncRefresh refresh;

    @Test
    void aRecordThatKeepsFailingIsAbortedAfterMaxAttemptsAndLeftAlone() throws Exception {
        for (int run = 1; run <= 3; run++) {
            launch(Map.of());
        }
        SyncRecord berryBar = history().get("BERRYBAR");
        assertThat(berryBar.status()).as("max-attempts is 3").isEqualTo(SyncStatus.ABORTED);
        assertThat(berryBar.attempts()).isEqualTo(3);

        RunSummary fourth = launch(Map.of());
        assertThat(fourth.failed()).as("an aborted record is not attempted").isZero();
        assertThat(history().get("BERRYBAR").attempts()).isEqualTo(3);
    }

    @Test
    void syncRefreshOfOneRecordSendsItAgainAfterTheErpIsRepaired() throws Exception {
        launch(Map.of());
        erp.jdbc().update("UPDATE Customer SET Email = 'sales@berrybar.example' WHERE CustomerID = 'BERRYBAR'");

        assertThat(refresh.retry("customer", null, List.of("BERRYBAR"), false)).isEqualTo(1);
        assertThat(history().get("BERRYBAR").status()).isEqualTo(SyncStatus.PREPARED);
        RunSummary run = launch(Map.of());

        assertThat(run.inserted()).isEqualTo(1);
        assertThat(history().get("BERRYBAR").status()).isEqualTo(SyncStatus.PROCESSED);
        assertThat(storeCustomersByEmail()).containsKey("sales@berrybar.example");
    }

    @Test
    void retryingAllFailedPreparesFailedAndAbortedRecordsOnly() throws Exception {
        launch(Map.of());
        refresh.abort("customer", null, List.of("FRUITICO"));

        assertThat(refresh.retry("customer", null, List.of(), true)).as("BERRYBAR and FRUITICO").isEqualTo(2);
        assertThat(history().get("JAMIFIQUE").status()).isEqualTo(SyncStatus.PROCESSED);
        assertThat(history().get("ORCHARDCO").status()).isEqualTo(SyncStatus.FILTERED);
    }

    @Test
    void anAbortedRecordIsLeftAloneEvenWhenItChanges() throws Exception {
        launch(Map.of());
        refresh.abort("customer", null, List.of("BERRYBAR"));

        RunSummary run = launch(Map.of());

        assertThat(run.failed()).isZero();
        SyncRecord berryBar = history().get("BERRYBAR");
        assertThat(berryBar.status()).isEqualTo(SyncStatus.ABORTED);
        assertThat(berryBar.lastError()).isEqualTo("aborted by an operator");
    }

    @Test
    void anUnknownErpIdNamesItAndChangesNothing() throws Exception {
        launch(Map.of());

        assertThatThrownBy(() -> refresh.retry("customer", null, List.of("BERRYBAR", "NOSUCH"), false))
                .hasMessageContaining("[NOSUCH]").hasMessageContaining("nothing was changed");
        assertThatThrownBy(() -> refresh.abort("vendor", null, List.of("X")))
                .hasMessageContaining("unknown entity 'vendor'");
        assertThat(history().get("BERRYBAR").status()).isEqualTo(SyncStatus.FAILED);
    }

    @Test
    void aStoppedExecutionEndsAfterItsChunkAndTheRestartFinishesTheRest() throws Exception {
        erp.addCommerceCustomers(120);
        // Each POST takes a while, so the stop request arrives while the first chunk is being written.
        store().wireMock().stubFor(post(urlPathMatching(".*/customers")).atPriority(10)
                .willReturn(aResponse().proxiedFrom(sandboxOrigin()).withFixedDelay(300)));

        JobExecution running = jobs.launchInBackground("customer-export", Map.of());
        awaitFirstPost();
        jobs.stop(running.getId());
        assertThat(awaitEnd(running.getId())).isEqualTo(BatchStatus.STOPPED);
        long waiting = history().values().stream().filter(r -> r.status() == SyncStatus.PREPARED).count();
        assertThat(waiting).as("the chunks after the stop are still waiting").isPositive();

        RunSummary restarted = RunSummary.of(jobs.restart(running.getId()));
        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(history().values()).extracting(SyncRecord::status).doesNotContain(SyncStatus.PREPARED);
        assertThat(store().customers()).as("every customer once").hasSize(123);
    }

    private void awaitFirstPost() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (store().wireMock().findAll(postRequestedFor(urlPathMatching(".*/customers"))).isEmpty()) {
            assertThat(Instant.now()).as("a POST reached the store").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    /** Not a JobExecution: spring-batch-test would take a method returning one for an execution factory. */
    private BatchStatus awaitEnd(long executionId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JobExecution execution = jobs.execution(executionId);
        while (execution.isRunning()) {
            assertThat(Instant.now()).as("execution " + executionId + " ended").isBefore(deadline);
            Thread.sleep(50);
            execution = jobs.execution(executionId);
        }
        return execution.getStatus();
    }

    private String sandboxOrigin() {
        URI sandbox = store().sandbox().baseUri();
        return sandbox.getScheme() + "://" + sandbox.getAuthority();
    }
}
