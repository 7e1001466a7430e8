package io.syncbatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.syncbatch.job.RunSummary;
import io.syncbatch.history.LastOperation;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncStatus;

/**
 * What the store does wrong, injected with WireMock, and what the sync history and the store look like
 * afterwards: transient failures are retried without creating anything twice, rate limits are waited out as
 * the store says, and an outage is caught up by a restart.
 */
class StoreFaultScenariosTest extends SyncScenario {

    private static final String FLAKY = "flaky store";

    @Test
    void a503AndAResetConnectionAreRetriedAndEveryCustomerArrivesOnce() throws Exception {
        failFirstPosts(aResponse().withStatus(503).withBody("{\"title\":\"Service Unavailable\"}"),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        RunSummary run = launch(Map.of());

        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(run.inserted()).isEqualTo(3);
        assertThat(posts()).as("503, reset, then accepted").hasSize(3);
        assertThat(store().customers()).hasSize(3);
    }

    @Test
    void aTimeoutAfterTheStoreCreatedTheCustomersDoesNotCreateThemTwice() throws Exception {
        // The store creates the customers but its answer arrives after the client gave up (timeout 2 s).
        store().wireMock().stubFor(postCustomers().inScenario(FLAKY).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().proxiedFrom(store().sandboxOrigin()).withFixedDelay(4_000))
                .willSetStateTo("answering"));

        RunSummary run = launch(Map.of());

        assertThat(run.status()).isEqualTo("COMPLETED");
        assertThat(store().customers()).as("no duplicate customers").hasSize(3);
        assertThat(posts()).as("the retried POST is refused: the store has those emails").hasSize(2);
        store().wireMock().verify(1, putRequestedFor(urlPathMatching(".*/customers")));
        assertThat(run.updated()).as("then found by email and updated").isEqualTo(3);
        assertThat(history().get("FRUITICO").status()).isEqualTo(SyncStatus.PROCESSED);
        assertThat(history().get("FRUITICO").lastOperation()).isEqualTo(LastOperation.UPDATED_EXTERNALLY);
    }

    @Test
    void a429IsWaitedOutForAsLongAsBigCommercesResetHeaderSays() throws Exception {
        failFirstPosts(aResponse().withStatus(429).withHeader("X-Rate-Limit-Time-Reset-Ms", "1500")
                .withHeader("X-Rate-Limit-Requests-Left", "0").withBody("{\"title\":\"Too many requests\"}"));

        RunSummary run = launch(Map.of());

        assertThat(run.inserted()).isEqualTo(3);
        List<LoggedRequest> posts = posts();
        assertThat(posts).hasSize(2);
        assertThat(gap(posts.get(0), posts.get(1))).as("retry delay is 1 ms; the header asked for 1.5 s")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
    }

    @Test
    void retryAfterIsHonouredOnAnUnavailableStore() throws Exception {
        failFirstPosts(aResponse().withStatus(503).withHeader("Retry-After", "1"));

        launch(Map.of());

        List<LoggedRequest> posts = posts();
        assertThat(posts).hasSize(2);
        assertThat(gap(posts.get(0), posts.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aStoreThatStaysDownFailsTheRunAndTheRestartCatchesUpWithErpChangesMadeMeanwhile() throws Exception {
        var outage = store().wireMock().stubFor(postCustomers()
                .willReturn(aResponse().withStatus(503).withBody("{\"title\":\"Service Unavailable\"}")));
        JobExecution failed = jobs.launch("customer-export", Map.of());
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getExitStatus().getExitDescription()).contains("POST /v3/customers", "503");

        // While the store is down, the ERP moves on.
        erp.editCustomer("FRUITICO", "Phone1", "+1 212 555 0199", LocalDateTime.of(2026, 11, 3, 8, 0));
        store().wireMock().removeStub(outage);
        RunSummary restarted = RunSummary.of(jobs.restart(failed.getId()));

        assertThat(restarted.status()).isEqualTo("COMPLETED");
        assertThat(restarted.inserted()).isEqualTo(3);
        assertThat(storeCustomersByEmail().get("info@fruitico.example"))
                .as("the restart sends the ERP's current row").containsEntry("phone", "+1 212 555 0199");

        RunSummary next = launch(Map.of());
        assertThat(next.prepared()).as("the edit was already caught up").isZero();
        assertThat(store().customers()).hasSize(3);
        assertThat(history().values()).extracting(SyncRecord::status).doesNotContain(SyncStatus.PREPARED);
    }

    /** The first POSTs get these answers in turn; later ones reach the store. */
    private void failFirstPosts(ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            store().wireMock().stubFor(postCustomers().inScenario(FLAKY)
                    .whenScenarioStateIs(i == 0 ? STARTED : "failure " + i)
                    .willReturn(answers[i])
                    .willSetStateTo("failure " + (i + 1)));
        }
    }

    private static MappingBuilder postCustomers() {
        return post(urlPathMatching(".*/customers"));
    }

    private List<LoggedRequest> posts() {
        return store().wireMock().findAll(postRequestedFor(urlPathMatching(".*/customers"))).stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    private static Duration gap(LoggedRequest first, LoggedRequest second) {
        return Duration.between(first.getLoggedDate().toInstant(), second.getLoggedDate().toInstant());
    }

}
