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
import java.util.Optional;

import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.syncbatch.connector.bigcommerce.sandbox.SandboxStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * "The BigCommerce store" for tests: a stateful {@link SandboxStore} behind a WireMock
 * server, with every request the connector sends checked against the published OpenAPI
 * contract that declares its path.
 *
 * <p>
 * By default the store is validated against all three BigCommerce contracts the engine
 * exports to ({@value #CUSTOMERS_CONTRACT}, {@value #CATALOG_CONTRACT},
 * {@value #ORDERS_CONTRACT}). A request belongs to the contract whose base path starts
 * its path and which declares a matching path template; a request that no contract
 * declares is itself a violation.
 *
 * <p>
 * WireMock's lowest-priority stub proxies everything to the sandbox, so tests can add
 * ordinary (higher-priority) stubs for faults such as 5xx, 429, delays or connection
 * resets while all other traffic reaches the sandbox. The connector under test must be
 * configured with {@link #baseUri()}.
 *
 * <p>
 * Usable three ways:
 * <ul>
 * <li>{@code @RegisterExtension static final ContractValidatedStore STORE = ContractValidatedStore.start();}
 * — one store per test class; after each test the contract is asserted and the store is
 * reset, after all tests it is closed. Works with Spring's
 * {@code @DynamicPropertySource}.</li>
 * <li>{@code @RegisterExtension final ContractValidatedStore store = ContractValidatedStore.start();}
 * — one store per test, asserted and closed after it.</li>
 * <li>try-with-resources, calling {@link #assertAllRequestsMatchContract()}
 * yourself.</li>
 * </ul>
 */
public final class ContractValidatedStore
		implements AutoCloseable, BeforeAllCallback, AfterEachCallback, AfterAllCallback {

	public static final String CUSTOMERS_CONTRACT = "bigcommerce/customers.v3.yml";

	public static final String CATALOG_CONTRACT = "bigcommerce/catalog.v3.yml";

	public static final String ORDERS_CONTRACT = "bigcommerce/orders.v2.oas2.yml";

	public static final String WEBHOOKS_CONTRACT = "bigcommerce/webhooks.v3.yml";

	/** What {@link #start()} validates against. */
	public static final List<String> DEFAULT_CONTRACTS = List.of(CUSTOMERS_CONTRACT, CATALOG_CONTRACT, ORDERS_CONTRACT,
			WEBHOOKS_CONTRACT);

	public static final String DEFAULT_STORE_HASH = "sandboxstore";

	public static final String DEFAULT_ACCESS_TOKEN = "sandbox-access-token";

	/** WireMock stubs with a smaller number win; stubs added without a priority get 5. */
	public static final int PROXY_PRIORITY = 1_000;

	private final String storeHash;

	private final String accessToken;

	private final List<ContractRequestValidator> validators;

	private final SandboxStore sandbox;

	private final WireMockServer wireMock;

	// Set when JUnit registered this as a class-level extension, i.e. from a static
	// field.
	private volatile boolean sharedByTestClass;

	private ContractValidatedStore(List<String> contractFiles, String storeHash, String accessToken) {
		if (contractFiles.isEmpty()) {
			throw new IllegalArgumentException("at least one contract file is needed");
		}
		this.storeHash = storeHash;
		this.accessToken = accessToken;
		List<ContractRequestValidator> loaded = new ArrayList<>();
		for (String contractFile : contractFiles) {
			loaded.add(new ContractRequestValidator(PublishedContract.locate(contractFile, storeHash)));
		}
		this.validators = List.copyOf(loaded);
		this.sandbox = new SandboxStore(storeHash, accessToken, 0, null);
		this.wireMock = new WireMockServer(
				options().bindAddress("127.0.0.1").dynamicPort().mappingSource(new NoMappingFiles()));
	}

	/** Starts a store validated against all of {@link #DEFAULT_CONTRACTS}. */
	public static ContractValidatedStore start() {
		return start(DEFAULT_CONTRACTS, DEFAULT_STORE_HASH, DEFAULT_ACCESS_TOKEN);
	}

	/**
	 * Starts a store validated against only these contracts, so that requests to any
	 * other path are violations.
	 * @param contractFiles paths below shared/contracts, e.g.
	 * {@code bigcommerce/catalog.v3.yml}
	 */
	public static ContractValidatedStore start(String... contractFiles) {
		return start(List.of(contractFiles), DEFAULT_STORE_HASH, DEFAULT_ACCESS_TOKEN);
	}

	public static ContractValidatedStore start(List<String> contractFiles, String storeHash, String accessToken) {
		ContractValidatedStore store = new ContractValidatedStore(contractFiles, storeHash, accessToken);
		try {
			store.sandbox.start();
			store.wireMock.start();
			store.addProxyStub();
			return store;
		}
		catch (RuntimeException e) {
			store.close();
			throw e;
		}
	}

	/**
	 * The store root the connector under test is configured with: the WireMock origin
	 * plus {@code /stores/{hash}}, to which it appends {@code /v3/...} or
	 * {@code /v2/...}.
	 */
	public URI baseUri() {
		return URI.create(wireMock.baseUrl() + "/stores/" + storeHash);
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

	/** The contract files requests are validated against. */
	public List<Path> contractFiles() {
		return validators.stream().map(validator -> validator.contract().file()).toList();
	}

	/**
	 * What the OpenAPI parser found wrong in the contract documents themselves (e.g.
	 * orders.v2 has a null {@code requestBodies}), each prefixed with its file name;
	 * nothing for customers.v3 and catalog.v3. Parts the parser could not read are not
	 * validated.
	 */
	public List<String> contractWarnings() {
		List<String> warnings = new ArrayList<>();
		for (ContractRequestValidator validator : validators) {
			String file = validator.contract().file().getFileName().toString();
			validator.contractWarnings().forEach(warning -> warnings.add(file + ": " + warning));
		}
		return warnings;
	}

	/**
	 * The corrections made to defects of the published documents before validating
	 * ({@link ContractErrata}).
	 */
	public List<String> contractErrata() {
		List<String> errata = new ArrayList<>();
		validators.forEach(validator -> errata.addAll(validator.errata()));
		return errata;
	}

	/** A snapshot of the sandbox's customers. */
	public List<Map<String, Object>> customers() {
		return sandbox.customers();
	}

	/** A snapshot of the sandbox's customer addresses. */
	public List<Map<String, Object>> addresses() {
		return sandbox.addresses();
	}

	/** A snapshot of the sandbox's catalog products. */
	public List<Map<String, Object>> products() {
		return sandbox.products();
	}

	/** A snapshot of the sandbox's catalog categories. */
	public List<Map<String, Object>> categories() {
		return sandbox.categories();
	}

	/**
	 * A snapshot of the sandbox's orders, each as {@code GET /v2/orders/{id}} returns it.
	 */
	public List<Map<String, Object>> orders() {
		return sandbox.orders();
	}

	/** A snapshot of the shipments of all the sandbox's orders. */
	public List<Map<String, Object>> shipments() {
		return sandbox.shipments();
	}

	public List<Map<String, Object>> hooks() {
		return sandbox.hooks();
	}

	/**
	 * Empties the sandbox, forgets recorded requests, and removes stubs the test added,
	 * leaving only the proxy to the sandbox.
	 */
	public void reset() {
		wireMock.resetAll();
		addProxyStub();
		sandbox.clear();
	}

	/**
	 * Validates every request WireMock has received against the published contract that
	 * declares its path.
	 * @throws AssertionError listing each violating request with its method, URL, body,
	 * the contract it was checked against and the validator's messages
	 */
	public void assertAllRequestsMatchContract() {
		List<ServeEvent> events = new ArrayList<>(wireMock.getAllServeEvents());
		// WireMock lists the newest first; report in the order the connector sent them.
		Collections.reverse(events);
		List<String> violations = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			LoggedRequest request = events.get(i).getRequest();
			Optional<Validated> validated = validateRequest(request);
			if (validated.isEmpty()) {
				violations.add(ContractRequestValidator.describeUndeclared(i + 1, request, contractFiles()));
			}
			else if (validated.get().report().hasErrors()) {
				violations.add(ContractRequestValidator.describe(i + 1, request, validated.get().validator().contract(),
						validated.get().report()));
			}
		}
		if (!violations.isEmpty()) {
			throw new AssertionError(violations.size() + " of " + events.size()
					+ " requests to the BigCommerce store violate the published contracts:\n"
					+ String.join("\n", violations));
		}
	}

	/**
	 * Checks what the sandbox answered against the contract that declares the request's
	 * path, so that the fixture's own test can prove the sandbox's answers follow the
	 * contract too.
	 * @throws AssertionError when no contract declares the request
	 */
	ValidationReport validateResponse(ServeEvent event) {
		Validated validated = validateRequest(event.getRequest()).orElseThrow(() -> new AssertionError(
				ContractRequestValidator.describeUndeclared(1, event.getRequest(), contractFiles())));
		return validated.validator().validateResponse(event);
	}

	/** The contract file a request was found to belong to. */
	Optional<Path> owningContract(LoggedRequest request) {
		return validateRequest(request).map(validated -> validated.validator().contract().file());
	}

	private record Validated(ContractRequestValidator validator, ValidationReport report) {
	}

	/**
	 * Tries each contract whose base path starts the request's path; the first that
	 * declares a matching path template owns the request. Empty when none does.
	 */
	private Optional<Validated> validateRequest(LoggedRequest request) {
		for (ContractRequestValidator validator : validators) {
			if (!validator.coversBasePathOf(request)) {
				continue;
			}
			ValidationReport report = validator.validate(request);
			if (!ContractRequestValidator.pathUndeclared(report)) {
				return Optional.of(new Validated(validator, report));
			}
		}
		return Optional.empty();
	}

	@Override
	public void close() {
		try {
			if (wireMock.isRunning()) {
				wireMock.stop();
			}
		}
		finally {
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
		}
		finally {
			if (sharedByTestClass) {
				reset();
			}
			else {
				close();
			}
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	private void addProxyStub() {
		wireMock.stubFor(any(anyUrl()).atPriority(PROXY_PRIORITY).willReturn(aResponse().proxiedFrom(sandboxOrigin())));
	}

	/**
	 * Where the sandbox itself listens: for stubs that answer late but still let the
	 * request through.
	 */
	public String sandboxOrigin() {
		URI base = sandbox.baseUri();
		return base.getScheme() + "://" + base.getRawAuthority();
	}

}
