package io.syncbatch.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import io.syncbatch.sandbox.SandboxStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * "The BigCommerce store" for tests: a stateful {@link SandboxStore} behind a WireMock server, with every
 * request the connector sends checked against the published OpenAPI contract.
 *
 * <p>WireMock's lowest-priority stub proxies everything to the sandbox, so tests can add ordinary
 * (higher-priority) stubs for faults such as 5xx, 429, delays or connection resets while all other traffic
 * reaches the sandbox. The connector under test must be configured with {@link #baseUri()}.
 *
 * <p>Usable three ways:
 * <ul>
 *   <li>{@code @RegisterExtension static final ContractValidatedStore STORE = ContractValidatedStore.start();}
 *       — one store per test class; after each test the contract is asserted and the store is reset,
 *       after all tests it is closed. Works with Spring's {@code @DynamicPropertySource}.</li>
 *   <li>{@code @RegisterExtension final ContractValidatedStore store = ContractValidatedStore.start();}
 *       — one store per test, asserted and closed after it.</li>
 *   <li>try-with-resources, calling {@link #assertAllRequestsMatchContract()} yourself.</li>
 * </ul>
 */
public final class ContractValidatedStore
        implements AutoCloseable, BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    public static final String DEFAULT_CONTRACT = "bigcommerce/customers.v3.yml";
    public static final String DEFAULT_STORE_HASH = "sandboxstore";
    public static final String DEFAULT_ACCESS_TOKEN = "sandbox-access-token";

    /** WireMock stubs with a smaller number win; stubs added without a priority get 5. */
    public static final int PROXY_PRIORITY = 1_000;

    private final String storeHash;
    private final String accessToken;
    private final PublishedContract contract;
    private final ContractRequestValidator validator;
    private final SandboxStore sandbox;
    private final WireMockServer wireMock;

    // Set when JUnit registered this as a class-level extension, i.e. from a static field.
    private volatile boolean sharedByTestClass;

    private ContractValidatedStore(String contractFile, String storeHash, String accessToken) {
        this.storeHash = storeHash;
        this.accessToken = accessToken;
        this.contract = PublishedContract.locate(contractFile, storeHash);
        this.validator = new ContractRequestValidator(contract);
        this.sandbox = new SandboxStore(storeHash, accessToken, 0, null);
        this.wireMock = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .mappingSource(new NoMappingFiles()));
    }

    /** Starts a store validated against {@value #DEFAULT_CONTRACT}. */
    public static ContractValidatedStore start() {
        return start(DEFAULT_CONTRACT);
    }

    /**
     * @param contractFile path below shared/contracts, e.g. {@code bigcommerce/catalog.v3.yml}
     */
    public static ContractValidatedStore start(String contractFile) {
        return start(contractFile, DEFAULT_STORE_HASH, DEFAULT_ACCESS_TOKEN);
    }

    public static ContractValidatedStore start(String contractFile, String storeHash, String accessToken) {
        ContractValidatedStore store = new ContractValidatedStore(contractFile, storeHash, accessToken);
        try {
            store.sandbox.start();
            store.wireMock.start();
            store.addProxyStub();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * What the connector under test is configured with: the WireMock origin plus the contract's base path
     * ({@code /stores/{hash}/v3} for the v3 contracts, {@code /stores/{hash}/v2} for orders v2).
     */
    public URI baseUri() {
        return URI.create(wireMock.baseUrl() + contract.basePath());
    }

    public String storeHash() {
        return storeHash;
    }

    public String accessToken() {
        return accessToken;
    }

    public WireMockServer wireMock() {
        return wireMock;
    }

    public SandboxStore sandbox() {
        return sandbox;
    }

    /** The contract file requests are validated against. */
    public Path contractFile() {
        return contract.file();
    }

    /**
     * What the OpenAPI parser found wrong in the contract document itself (e.g. orders.v2 has a null
     * {@code requestBodies}); empty for customers.v3 and catalog.v3. Parts it could not read are not validated.
     */
    public List<String> contractWarnings() {
        return validator.contractWarnings();
    }

    /** A snapshot of the sandbox's customers. */
    public List<Map<String, Object>> customers() {
        return sandbox.customers();
    }

    /**
     * Empties the sandbox, forgets recorded requests, and removes stubs the test added, leaving only the
     * proxy to the sandbox.
     */
    public void reset() {
        wireMock.resetAll();
        addProxyStub();
        sandbox.clear();
    }

    /**
     * Validates every request WireMock has received against the published contract.
     *
     * @throws AssertionError listing each violating request with its method, URL, body and the validator's messages
     */
    public void assertAllRequestsMatchContract() {
        List<ServeEvent> events = new ArrayList<>(wireMock.getAllServeEvents());
        // WireMock lists the newest first; report in the order the connector sent them.
        Collections.reverse(events);
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            ValidationReport report = validator.validate(events.get(i).getRequest());
            if (report.hasErrors()) {
                violations.add(ContractRequestValidator.describe(i + 1, events.get(i).getRequest(), report));
            }
        }
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " of " + events.size()
                    + " requests to the BigCommerce store violate the published contract " + contract.file() + ":\n"
                    + String.join("\n", violations));
        }
    }

    /** Package-private so that the fixture's own test can check the sandbox's answers against the contract. */
    ContractRequestValidator validator() {
        return validator;
    }

    @Override
    public void close() {
        try {
            if (wireMock.isRunning()) {
                wireMock.stop();
            }
        } finally {
            sandbox.stop();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sharedByTestClass = true;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            assertAllRequestsMatchContract();
        } finally {
            if (sharedByTestClass) {
                reset();
            } else {
                close();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void addProxyStub() {
        wireMock.stubFor(any(anyUrl())
                .atPriority(PROXY_PRIORITY)
                .willReturn(aResponse().proxiedFrom(sandboxOrigin())));
    }

    /** Where the sandbox itself listens: for stubs that answer late but still let the request through. */
    public String sandboxOrigin() {
        URI base = sandbox.baseUri();
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    /** Keeps stray files under src/test/resources/mappings out of this fixture, and keeps stubs off disk. */
    private static final class NoMappingFiles implements MappingsSource {

        @Override
        public void loadMappingsInto(StubMappings stubMappings) {
        }

        @Override
        public void save(List<StubMapping> stubMappings) {
        }

        @Override
        public void save(StubMapping stubMapping) {
        }

        // Deprecated by WireMock but still abstract, so it must be implemented.
        @Override
        @SuppressWarnings("removal")
        public void remove(StubMapping stubMapping) {
        }

        @Override
        public void removeAll() {
        }
    }
}
