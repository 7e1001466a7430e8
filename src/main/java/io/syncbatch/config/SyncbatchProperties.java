package io.syncbatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything an operator configures, under {@code syncbatch.*}.
 *
 * @param definitions where the entity definitions are read from (a Spring resource
 * pattern)
 * @param stores the store connections by name; jobs take the store as a parameter
 * @param defaultStore the store a job runs against when none is named, where several are
 * configured (with one, that one)
 * @param erp the ERP database
 * @param schedules jobs that {@code serve} launches on a cron
 * @param prepare how prepare reads the source
 * @param process how the process step works through the backlog
 * @param retry how store writes are retried after a transient failure
 * @param metrics how the gauges read the sync database
 * @param refresh how much one sync refresh (retry, abort) takes and changes at once
 * @param inbox how {@code serve} receives and processes real-time messages
 */
@ConfigurationProperties("syncbatch")
public record SyncbatchProperties(@DefaultValue("classpath:jobs/*.yml") String definitions, Map<String, Store> stores,
		@Nullable String defaultStore, @DefaultValue Erp erp, @DefaultValue Api api, List<Schedule> schedules,
		@DefaultValue Prepare prepare, @DefaultValue Process process, @DefaultValue Retry retry,
		@DefaultValue Metrics metrics, @DefaultValue Refresh refresh, @DefaultValue Inbox inbox) {

	public SyncbatchProperties {
		stores = stores == null ? Map.of() : new TreeMap<>(stores);
		schedules = schedules == null ? List.of() : List.copyOf(schedules);
	}

	/**
	 * A job launched by {@code serve} on a cron (Spring's six fields, seconds first),
	 * with its parameters.
	 *
	 * @param zone the cron's time zone (default: the server's)
	 */
	public record Schedule(String job, String cron, Map<String, String> parameters, @Nullable String zone) {

		public Schedule {
			parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
		}
	}

	/**
	 * One store connection: what every platform has. A platform's own settings
	 * (BigCommerce's store hash and token, say) sit beside these under the same
	 * {@code syncbatch.stores.<name>} and are read and checked by the platform at
	 * start-up.
	 *
	 * @param platform which platform the store is on, e.g. {@code bigcommerce}
	 * @param timeout how long to wait for the store to connect and to answer
	 * @param sandbox serve the store from the platform's local sandbox (the embedded
	 * default) instead of its API
	 * @param concurrency how many requests may be in flight to the store at once, whoever
	 * sends them (a chunk's batches, lookups, several process partitions)
	 * @param webhookSecret the value of the inbox's secret header that this store's
	 * webhooks carry; without one, the store's webhooks are refused
	 */
	public record Store(String platform, @DefaultValue("10s") Duration timeout, @DefaultValue("false") boolean sandbox,
			@DefaultValue("4") int concurrency, @Nullable String webhookSecret) {

		public Store {
			if (platform == null || platform.isBlank()) {
				throw new IllegalArgumentException("platform is required (e.g. bigcommerce)");
			}
			if (concurrency < 1 || concurrency > 64) {
				throw new IllegalArgumentException("concurrency must be between 1 and 64, got " + concurrency);
			}
		}

		@Override
		public String toString() {
			return "Store[platform=" + platform + ", timeout=" + timeout + ", sandbox=" + sandbox + ", concurrency="
					+ concurrency + ", webhookSecret=" + (webhookSecret == null ? "<none>" : "<redacted>") + "]";
		}
	}

	/**
	 * The REST API: its operator (every endpoint) and viewer (reads only), both HTTP
	 * Basic; an account without a password does not exist, and without any every
	 * {@code /api} request is refused.
	 *
	 * @param password the operator's: {@code {bcrypt}…} (recommended) or {@code {noop}…};
	 * a value without a prefix is taken as plain text
	 * @param viewer the read-only account, for dashboards and support staff
	 * @param verifiedLoginTtl how long a verified user name and password are remembered
	 * (as a keyed hash) so that the requests after a login cost no password hash check
	 * @param loginThrottle how many failed logins a client address or a user name may
	 * have before it is answered 429
	 * @param maxBodySize the largest request body an endpoint reads; a larger one is
	 * answered 413
	 * @param history the pages of {@code GET /api/history}
	 */
	public record Api(@DefaultValue("operator") String username, @Nullable String password, @DefaultValue Viewer viewer,
			@DefaultValue("PT10M") Duration verifiedLoginTtl, @DefaultValue LoginThrottle loginThrottle,
			@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue HistoryPaging history) {

		public Api {
			if (verifiedLoginTtl.isNegative()) {
				throw new IllegalArgumentException("syncbatch.api.verified-login-ttl must not be negative");
			}
			if (maxBodySize.toBytes() < 1 || maxBodySize.toMegabytes() > 16) {
				throw new IllegalArgumentException(
						"syncbatch.api.max-body-size must be between 1B and 16MB, got " + maxBodySize);
			}
		}

		@Override
		public String toString() {
			return "Api[username=" + username + ", password=" + (password == null ? "<none>" : "<redacted>")
					+ ", viewer=" + viewer + "]";
		}
	}

	/**
	 * The REST API's read-only account: every {@code GET}, no change.
	 *
	 * @param password as the operator's; without one there is no viewer
	 */
	public record Viewer(@DefaultValue("viewer") String username, @Nullable String password) {

		@Override
		public String toString() {
			return "Viewer[username=" + username + ", password=" + (password == null ? "<none>" : "<redacted>") + "]";
		}
	}

	/**
	 * @param maxFailures failed logins within {@code window} after which a client address
	 * or a user name is answered 429 until the window ends
	 * @param tracked how many addresses and user names are remembered at most (the oldest
	 * are forgotten first)
	 */
	public record LoginThrottle(@DefaultValue("10") int maxFailures, @DefaultValue("PT1M") Duration window,
			@DefaultValue("10000") int tracked) {

		public LoginThrottle {
			if (maxFailures < 1 || window.isNegative() || window.isZero() || tracked < 1) {
				throw new IllegalArgumentException("syncbatch.api.login-throttle: max-failures >= 1, a positive"
						+ " window and tracked >= 1 are required");
			}
		}
	}

	/**
	 * @param defaultSize records in a page when the request asks for no {@code limit}
	 * @param maxSize the largest {@code limit} a request may ask for
	 */
	public record HistoryPaging(@DefaultValue("100") int defaultSize, @DefaultValue("1000") int maxSize) {

		public HistoryPaging {
			if (defaultSize < 1 || maxSize < defaultSize) {
				throw new IllegalArgumentException(
						"syncbatch.api.history: default-size >= 1 and max-size >= default-size are required");
			}
		}
	}

	/**
	 * @param batchSize ERP ids prepared again or aborted per transaction: a long list
	 * never holds one transaction (and its locks) for long
	 * @param maxIds the most ERP ids one retry or abort may name
	 */
	public record Refresh(@DefaultValue("500") int batchSize, @DefaultValue("10000") int maxIds) {

		public Refresh {
			if (batchSize < 1 || maxIds < 1) {
				throw new IllegalArgumentException("syncbatch.refresh: batch-size and max-ids must be at least 1");
			}
		}
	}

	/**
	 * @param watermarkOverlap how far before the watermark an incremental prepare starts
	 * reading: rows committed late with an earlier change time are still prepared, and
	 * unchanged fingerprints keep the re-read rows from being prepared again
	 * @param chunkSize rows per prepare chunk (one page query, one fingerprint lookup,
	 * one batch)
	 */
	public record Prepare(@DefaultValue("PT1M") Duration watermarkOverlap, @DefaultValue("1000") int chunkSize) {

		public Prepare {
			if (chunkSize < 1 || chunkSize > 100_000) {
				throw new IllegalArgumentException(
						"syncbatch.prepare.chunk-size must be between 1 and 100000, got " + chunkSize);
			}
			if (watermarkOverlap.isNegative()) {
				throw new IllegalArgumentException("syncbatch.prepare.watermark-overlap must not be negative");
			}
		}
	}

	/**
	 * @param partitions process step partitions working at once, each over its own slice
	 * of the backlog: more than 1 keeps a slow store busy while a chunk does its database
	 * work, at the price of strict oldest-change-first order across slices (each slice
	 * keeps it)
	 */
	public record Process(@DefaultValue("1") int partitions) {

		public Process {
			if (partitions < 1 || partitions > 16) {
				throw new IllegalArgumentException(
						"syncbatch.process.partitions must be between 1 and 16, got " + partitions);
			}
		}
	}

	/**
	 * Store writes tried again after a transient failure (5xx, 429, timeout), with
	 * exponential backoff; read by the connector's {@code @Retryable}, bound here so that
	 * wrong values stop start-up.
	 *
	 * @param longestRateLimitWait the longest pause a store's rate limit may impose
	 * before requests go again
	 */
	public record Retry(@DefaultValue("4") int maxRetries, @DefaultValue("200") long initialDelayMs,
			@DefaultValue("2") double multiplier, @DefaultValue("10000") long maxDelayMs,
			@DefaultValue("PT5M") Duration longestRateLimitWait) {

		public Retry {
			if (maxRetries < 0 || initialDelayMs < 0 || multiplier < 1 || maxDelayMs < initialDelayMs) {
				throw new IllegalArgumentException("syncbatch.retry: max-retries >= 0, initial-delay-ms >= 0,"
						+ " multiplier >= 1 and max-delay-ms >= initial-delay-ms are required");
			}
		}
	}

	/**
	 * @param stateMaxAge how old the snapshot of the sync database behind the gauges may
	 * be
	 */
	public record Metrics(@DefaultValue("PT10S") Duration stateMaxAge) {
	}

	/**
	 * @param demoData load {@code sql/erp-schema.sql} and {@code sql/erp-demo-data.sql}
	 * into an empty ERP
	 */
	public record Erp(@DefaultValue("false") boolean demoData) {
	}

	/**
	 * The inbox of real-time messages: ERP push notifications and store webhooks.
	 *
	 * @param header the request header that carries a sender's secret (Acumatica's push
	 * notification destination sends one custom header; a BigCommerce hook is created
	 * with it)
	 * @param erpSecret the value the ERP's push notifications carry in that header;
	 * without one, they are refused
	 * @param pollPeriod how often {@code serve} looks for messages to process
	 * @param batchSize the most messages one look takes
	 * @param retention how long a finished message stays in the log
	 * @param publicUrl where the stores and the ERP reach {@code serve}, e.g.
	 * {@code https://sync.example.com}: initialize subscribes the stores' webhooks there
	 * @param maxBodySize the largest message the inbox reads (a push notification carries
	 * its rows whole); a larger one is answered 413 before its sender is checked
	 */
	public record Inbox(@DefaultValue("X-Syncbatch-Secret") String header, @Nullable String erpSecret,
			@DefaultValue("200ms") Duration pollPeriod, @DefaultValue("500") int batchSize,
			@DefaultValue("P30D") Duration retention, @Nullable String publicUrl,
			@DefaultValue("1MB") DataSize maxBodySize) {

		public Inbox {
			if (header.isBlank()) {
				throw new IllegalArgumentException("syncbatch.inbox.header must name a request header");
			}
			if (batchSize < 1) {
				throw new IllegalArgumentException("syncbatch.inbox.batch-size must be at least 1, got " + batchSize);
			}
			if (maxBodySize.toBytes() < 1 || maxBodySize.toMegabytes() > 64) {
				throw new IllegalArgumentException(
						"syncbatch.inbox.max-body-size must be between 1B and 64MB, got " + maxBodySize);
			}
			if (pollPeriod.isNegative() || pollPeriod.isZero()) {
				throw new IllegalArgumentException("syncbatch.inbox.poll-period must be positive, got " + pollPeriod);
			}
		}

		@Override
		public String toString() {
			return "Inbox[header=" + header + ", erpSecret=" + (erpSecret == null ? "<none>" : "<redacted>")
					+ ", pollPeriod=" + pollPeriod + ", batchSize=" + batchSize + ", retention=" + retention
					+ ", publicUrl=" + publicUrl + ", maxBodySize=" + maxBodySize + "]";
		}
	}

}
