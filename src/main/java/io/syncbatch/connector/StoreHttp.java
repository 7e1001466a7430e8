package io.syncbatch.connector;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.springframework.http.MediaType;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;

import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.metrics.SyncMeters;
import io.syncbatch.secrets.Secrets;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens the {@link StoreChannel} of a store: JSON over the JDK's HTTP client, with the
 * store's own limits.
 */
@Component
public class StoreHttp {

	private final RestClient.Builder builder;

	private final JsonMapper json;

	private final Clock clock;

	private final Duration longestWait;

	private final SyncMeters meters;

	private final Secrets secrets;

	public StoreHttp(RestClient.Builder builder, JsonMapper json, Clock clock, SyncbatchProperties properties,
			SyncMeters meters, Secrets secrets) {
		this.builder = builder;
		this.json = json;
		this.clock = clock;
		this.longestWait = properties.retry().longestRateLimitWait();
		this.meters = meters;
		this.secrets = secrets;
	}

	/**
	 * @param root the store root, resolved on the first request (a local sandbox starts
	 * only when it is needed)
	 */
	public StoreChannel open(String storeName, SyncbatchProperties.Store store, Supplier<URI> root,
			HttpDialect dialect) {
		Supplier<URI> once = SingletonSupplier.of(root);
		RateLimitGate gate = new RateLimitGate(clock, longestWait, wait -> meters.waitedForRateLimit(storeName, wait));
		return new StoreChannel(storeName, once, dialect,
				SingletonSupplier.of(() -> client(storeName, store.timeout(), once.get(), dialect)), json, gate,
				store.concurrency(), secrets);
	}

	private RestClient client(String storeName, Duration timeout, URI root, HttpDialect dialect) {
		HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
		if ("http".equalsIgnoreCase(root.getScheme())) {
			// Cleartext HTTP/2 starts with an upgrade that concurrent requests trip over
			// (RST_STREAM on Jetty); over TLS the client and the store agree on HTTP/2
			// properly.
			http.version(HttpClient.Version.HTTP_1_1);
		}
		// Without an executor of its own, Spring's request factory starts a new thread
		// for every request body.
		CustomizableThreadFactory threads = new CustomizableThreadFactory("store-" + storeName + "-io-");
		threads.setDaemon(true);
		ExecutorService io = Executors.newCachedThreadPool(threads);
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http.executor(io).build(), io);
		factory.setReadTimeout(timeout);
		return builder.clone()
			.baseUrl(root.toString())
			// Unbuffered, the JDK client sends a body of unknown length chunked, which
			// some proxies in front of stores refuse (411): buffered, every body goes
			// with its Content-Length. Bodies are a batch of at most a few records.
			.requestFactory(new BufferingClientHttpRequestFactory(factory))
			.defaultHeader("Accept", MediaType.APPLICATION_JSON_VALUE)
			// Last, on the request as it goes out: a signature covers its final address.
			.requestInterceptor((request, body, execution) -> {
				dialect.addHeaders(request.getMethod(), request.getURI(), request.getHeaders());
				return execution.execute(request, body);
			})
			.build();
	}

}
