package io.syncbatch.testsupport;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar on the MariaDB test database, as the crash tests run it: the
 * {@code mysql} profile's settings point at that database (for the ERP and the engine's
 * state) and at a contract-checked store.
 */
public final class JarOnMariaDb {

	/** The engine's state: its own tables and the job repository's, children first. */
	private static final List<String> SYNC_STATE = List.of("sync_inbox", "sync_realtime", "sync_record",
			"sync_prepared", "sync_pending_create", "sync_conflict", "sync_watermark", "sync_run_lock",
			"BATCH_STEP_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION", "BATCH_JOB_EXECUTION_CONTEXT",
			"BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION", "BATCH_JOB_INSTANCE");

	private JarOnMariaDb() {
	}

	/**
	 * The jar in this working directory against a BigCommerce store, with these
	 * environment variables besides.
	 */
	public static SyncbatchProcess process(Path workDir, ContractValidatedStore store, Map<String, String> more) {
		Map<String, String> environment = new HashMap<>(Map.of("BIGCOMMERCE_API_URL", store.wireMock().baseUrl(),
				"BIGCOMMERCE_STORE_HASH", store.storeHash(), "BIGCOMMERCE_ACCESS_TOKEN", store.accessToken()));
		environment.putAll(more);
		return process(workDir, environment);
	}

	/**
	 * The jar in this working directory against the store of another platform's fixture:
	 * its store {@code main} is configured as the fixture points a store at it, through
	 * {@code SPRING_APPLICATION_JSON}, so no credential is on a command line.
	 */
	public static SyncbatchProcess process(Path workDir, StoreFixture store) {
		Map<String, Object> settings = new TreeMap<>();
		store.pointStoreAt("main", (name, value) -> settings.put(name, value.get()));
		return process(workDir,
				Map.of("SPRING_APPLICATION_JSON", JsonMapper.builder().build().writeValueAsString(settings),
						// The mysql profile's BigCommerce settings name these; unused on
						// another platform.
						"BIGCOMMERCE_STORE_HASH", "unused", "BIGCOMMERCE_ACCESS_TOKEN", "unused"));
	}

	private static SyncbatchProcess process(Path workDir, Map<String, String> more) {
		Map<String, String> environment = new HashMap<>(Map.of("SYNCBATCH_ERP_URL", MariaDbCondition.jdbcUrl(),
				"SYNCBATCH_SYNC_URL", MariaDbCondition.jdbcUrl() + "&rewriteBatchedStatements=true"));
		environment.putAll(more);
		return new SyncbatchProcess(workDir, Map.copyOf(environment));
	}

	/** A command line for the jar, with the mysql profile and a patient store timeout. */
	public static String[] args(String... command) {
		String[] all = new String[command.length + 2];
		System.arraycopy(command, 0, all, 0, command.length);
		all[command.length] = "--spring.profiles.active=mysql";
		all[command.length + 1] = "--syncbatch.stores.main.timeout=60s";
		return all;
	}

	/** Empties the engine's state; the tables must exist (any command migrates them). */
	public static void emptySyncState(JdbcTemplate jdbc) {
		SYNC_STATE.forEach(table -> jdbc.update("DELETE FROM " + table));
	}

}
