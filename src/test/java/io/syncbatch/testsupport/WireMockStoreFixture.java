package io.syncbatch.testsupport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.jspecify.annotations.Nullable;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every platform's {@link StoreFixture} does the same way: a WireMock server in
 * front of the platform's sandbox records the requests and injects the faults, each
 * translated into the platform's paths, status codes and headers by the subclass.
 */
abstract class WireMockStoreFixture implements StoreFixture {

	/** Faults win over the proxy to the sandbox, whose stub has a larger number. */
	static final int FAULT_PRIORITY = 10;

	/** The WireMock server the engine is pointed at. */
	abstract WireMockServer wireMock();

	/** Which paths are which resource's. */
	abstract Map<Resource, Pattern> paths();

	/** Where WireMock proxies to: the sandbox's origin. */
	abstract String sandboxOrigin();

	/** The platform's answer when its rate limit is spent. */
	abstract ResponseDefinitionBuilder rateLimited(StoreFault.RateLimited limited);

	/** The request header that carries the credentials. */
	abstract String credentialsHeader();

	/**
	 * Quick retries, and a timeout short enough for the timeout scenarios and long enough
	 * for a loaded CI machine.
	 */
	static void retryQuickly(String storeName, DynamicPropertyRegistry registry) {
		registry.add("syncbatch.retry.initial-delay-ms", () -> "1");
		registry.add("syncbatch.retry.max-delay-ms", () -> "5");
		registry.add("syncbatch.stores." + storeName + ".timeout", () -> "2s");
	}

	private final HttpClient http = HttpClient.newHttpClient();

	/**
	 * A request to the store's API as any client sends it, with these credentials,
	 * through WireMock, so it is recorded and contract-checked like the engine's; 200 (or
	 * 204 without a body) expected.
	 * @return the answer's body
	 */
	String sendAsClient(String method, URI uri, String credentials, @Nullable String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header(credentialsHeader(), credentials)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200 && response.statusCode() != 204) {
				throw new AssertionError(
						method + " " + uri.getPath() + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + uri.getPath() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(method + " " + uri.getPath() + " interrupted", ex);
		}
	}

	@Override
	public List<SentRequest> requests() {
		List<ServeEvent> events = new ArrayList<>(wireMock().getAllServeEvents());
		// WireMock lists the newest first; reversed, requests logged in the same
		// millisecond keep their order.
		Collections.reverse(events);
		return events.stream()
			.sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
			.map(this::sentRequest)
			.toList();
	}

	private SentRequest sentRequest(ServeEvent event) {
		Instant sentAt = event.getRequest().getLoggedDate().toInstant();
		Instant answeredAt = event.getTiming() == null || event.getTiming().getTotalTime() == null ? null
				: sentAt.plusMillis(event.getTiming().getTotalTime());
		String path = URI.create(event.getRequest().getUrl()).getPath();
		Resource resource = paths().entrySet()
			.stream()
			.filter(entry -> entry.getValue().matcher(path).matches())
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
		Map<String, String> headers = new java.util.TreeMap<>();
		event.getRequest()
			.getHeaders()
			.all()
			.forEach(header -> headers.put(header.key().toLowerCase(java.util.Locale.ROOT),
					header.values().get(header.values().size() - 1)));
		return new SentRequest(operation(event.getRequest().getMethod().getName()), resource,
				event.getRequest().getBodyAsString(), sentAt, answeredAt, Map.copyOf(headers));
	}

	private static Operation operation(String method) {
		return switch (method) {
			case "POST" -> Operation.CREATE;
			case "PUT" -> Operation.UPDATE;
			case "DELETE" -> Operation.DELETE;
			default -> Operation.READ;
		};
	}

	@Override
	public void forgetRequests() {
		wireMock().resetRequests();
	}

	@Override
	public InjectedFault failAll(Requests which, StoreFault fault) {
		StubMapping stub = wireMock().stubFor(matching(which).willReturn(answer(fault)));
		return () -> wireMock().removeStub(stub);
	}

	@Override
	public InjectedFault failFirst(Requests which, StoreFault... inTurn) {
		// A WireMock scenario per call: its state moves on with each answer, then no stub
		// of it matches any more.
		String scenario = "faults " + UUID.randomUUID();
		List<StubMapping> stubs = new ArrayList<>();
		for (int i = 0; i < inTurn.length; i++) {
			stubs.add(wireMock().stubFor(matching(which).inScenario(scenario)
				.whenScenarioStateIs(i == 0 ? STARTED : "fault " + i)
				.willReturn(answer(inTurn[i]))
				.willSetStateTo("fault " + (i + 1))));
		}
		return () -> stubs.forEach(wireMock()::removeStub);
	}

	private MappingBuilder matching(Requests which) {
		String path = (which.resource() == null) ? ".*" : paths().get(which.resource()).pattern();
		MappingBuilder mapping = (which.operation() == null) ? any(urlPathMatching(path)) : switch (which.operation()) {
			case CREATE -> post(urlPathMatching(path));
			case UPDATE -> put(urlPathMatching(path));
			case READ -> get(urlPathMatching(path));
			case DELETE -> delete(urlPathMatching(path));
		};
		if (which.bodyContaining() != null) {
			mapping = mapping.withRequestBody(containing(which.bodyContaining()));
		}
		return mapping.atPriority(FAULT_PRIORITY);
	}

	private ResponseDefinitionBuilder answer(StoreFault fault) {
		if (fault instanceof StoreFault.Unavailable unavailable) {
			ResponseDefinitionBuilder answer = aResponse().withStatus(503)
				.withBody("{\"title\":\"Service Unavailable\"}");
			return unavailable.retryAfter() == null ? answer
					: answer.withHeader("Retry-After", String.valueOf(unavailable.retryAfter().toSeconds()));
		}
		if (fault instanceof StoreFault.RateLimited limited) {
			return rateLimited(limited);
		}
		if (fault instanceof StoreFault.UnreadableAnswer unreadable) {
			return aResponse().withStatus(200)
				.withHeader("Content-Type", unreadable.contentType())
				.withBody(unreadable.body());
		}
		if (fault instanceof StoreFault.EchoesCredentials echoes) {
			// WireMock's response templating copies the header the request carried.
			return aResponse().withStatus(echoes.status())
				.withHeader("Content-Type", "text/html")
				.withBody("<html><body><h1>Request refused</h1><pre>" + credentialsHeader() + ": {{request.headers."
						+ credentialsHeader() + "}}</pre></body></html>")
				.withTransformers("response-template");
		}
		if (fault instanceof StoreFault.ConnectionReset) {
			return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
		}
		StoreFault.AnswerAfter late = (StoreFault.AnswerAfter) fault;
		return aResponse().proxiedFrom(sandboxOrigin()).withFixedDelay((int) late.delay().toMillis());
	}

}
