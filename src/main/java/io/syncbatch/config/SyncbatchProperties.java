package io.syncbatch.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything an operator configures, under {@code syncbatch.*}.
 *
 * @param definitions where the entity definitions are read from (a Spring resource pattern)
 * @param stores      the store connections by name; jobs take the store as a parameter
 * @param erp         the ERP database
 * @param schedules   jobs that {@code serve} launches on a cron
 */
@ConfigurationProperties("syncbatch")
public record SyncbatchProperties(
        @DefaultValue("classpath:jobs/*.yml") String definitions,
        Map<String, Store> stores,
        @DefaultValue Erp erp,
        @DefaultValue Api api,
        List<Schedule> schedules) {

    public SyncbatchProperties {
        stores = stores == null ? Map.of() : new TreeMap<>(stores);
        schedules = schedules == null ? List.of() : List.copyOf(schedules);
    }

    /**
     * A job launched by {@code serve} on a cron (Spring's six fields, seconds first), with its parameters.
     *
     * @param zone the cron's time zone (default: the server's)
     */
    public record Schedule(String job, String cron, Map<String, String> parameters, String zone) {

        public Schedule {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }
    }

    /**
     * One store connection.
     *
     * @param sandbox     serve the store from an in-process sandbox (embedded default) instead of {@code apiUrl}
     * @param dataFile    where the sandbox keeps its customers between runs
     * @param concurrency how many requests may be in flight to the store at once, whoever sends them (a chunk's
     *        batches, lookups, several process partitions)
     */
    public record Store(
            @DefaultValue("bigcommerce") String platform,
            @DefaultValue("https://api.bigcommerce.com") URI apiUrl,
            String storeHash,
            String accessToken,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("false") boolean sandbox,
            String dataFile,
            @DefaultValue("4") int concurrency) {

        public Store {
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("concurrency must be between 1 and 64, got " + concurrency);
            }
        }

        /** The token is a credential: it must never reach a log line through toString. */
        @Override
        public String toString() {
            return "Store[platform=" + platform + ", apiUrl=" + apiUrl + ", storeHash=" + storeHash
                    + ", accessToken=" + (accessToken == null ? "<none>" : "<redacted>") + ", sandbox=" + sandbox
                    + ", concurrency=" + concurrency + "]";
        }
    }

    /**
     * The operator of the REST API (HTTP Basic). Without a password every {@code /api} request is refused.
     *
     * @param password {@code {bcrypt}…} (recommended) or {@code {noop}…}; a value without a prefix is taken as
     *                 plain text
     */
    public record Api(@DefaultValue("operator") String username, String password) {

        @Override
        public String toString() {
            return "Api[username=" + username + ", password=" + (password == null ? "<none>" : "<redacted>") + "]";
        }
    }

    /** @param demoData load {@code sql/erp-schema.sql} and {@code sql/erp-demo-data.sql} into an empty ERP */
    public record Erp(@DefaultValue("false") boolean demoData) {
    }
}
