package io.syncbatch;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.syncbatch.definition.SyncDirection;
import io.syncbatch.job.DefinitionJobRegistry;
import io.syncbatch.job.RunSummary;
import io.syncbatch.job.SyncJobs;
import io.syncbatch.history.SyncRecord;
import io.syncbatch.history.SyncRecordRepository;
import io.syncbatch.testsupport.BigCommerceStoreFixture;
import io.syncbatch.testsupport.ContractValidatedStore;
import io.syncbatch.testsupport.ErpDatabase;
import io.syncbatch.testsupport.SyncScenarioSuite;
import io.syncbatch.testsupport.SyncState;
import io.syncbatch.testsupport.TestDatabase;

/**
 * Given the demo company in a real ERP database, an empty sync database and a contract-checked store: the
 * plumbing every scenario suite shares. Each suite is one class; the databases are those {@link TestDatabase}
 * chooses for the JVM (embedded by default, MariaDB in Surefire's {@code scenarios-on-mariadb} execution).
 */
@SyncScenarioSuite
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@SpringBatchTest
abstract class SyncScenario {

    /** One store for every suite in the JVM, emptied after each test once its requests are contract-checked. */
    @RegisterExtension
    static final BigCommerceStoreFixture STORE = BigCommerceStoreFixture.shared();

    @DynamicPropertySource
    static void databasesAndStore(DynamicPropertyRegistry registry) {
        TestDatabase database = TestDatabase.current();
        database.registerDatabases(registry);
        STORE.pointStoreAt(database.storeName(), registry);
    }

    @Autowired
    SyncJobs jobs;
    @Autowired
    SyncRecordRepository records;
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

    ContractValidatedStore store() {
        return STORE.contractValidatedStore();
    }

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

    Map<String, SyncRecord> history() {
        return records.history(storeName(), "customer", SyncDirection.EXPORT, null).stream()
                .collect(Collectors.toMap(SyncRecord::erpId, Function.identity()));
    }

    Map<String, Map<String, Object>> storeCustomersByEmail() {
        return store().customers().stream()
                .collect(Collectors.toMap(customer -> (String) customer.get("email"), Function.identity()));
    }

    int storeWrites() {
        var wireMock = store().wireMock();
        return wireMock.findAll(postRequestedFor(anyUrl())).size() + wireMock.findAll(putRequestedFor(anyUrl())).size();
    }

    /** A customer created in the store directly, through the same contract-checked HTTP endpoint. */
    int createInStore(String email, String firstName, String lastName) throws Exception {
        String body = "[{\"email\":\"" + email + "\",\"first_name\":\"" + firstName + "\",\"last_name\":\""
                + lastName + "\"}]";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create(store().baseUri() + "/v3/customers"))
                .header("X-Auth-Token", store().accessToken())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return store().customers().stream().filter(customer -> email.equals(customer.get("email")))
                .map(customer -> (Integer) customer.get("id")).findFirst().orElseThrow();
    }
}
