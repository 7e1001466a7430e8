package io.syncbatch.testsupport;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.test.context.ActiveProfilesResolver;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Where a scenario suite keeps the ERP tables and the sync database, chosen for the whole
 * test JVM by the system property {@value #PROPERTY}: {@code embedded} (the default) or
 * {@code mariadb}. Surefire's default execution runs every test on the embedded
 * databases; its {@code scenarios-on-mariadb} execution runs the scenario suites again
 * with {@code -Dsyncbatch.test.database=mariadb}, so each suite is one class that runs on
 * both.
 */
public enum TestDatabase {

	/**
	 * H2 in MySQL mode for both the ERP and the sync database, fresh per test context.
	 */
	EMBEDDED("embedded", "embedded", "sandbox"),

	/**
	 * The real MariaDB server through Connector/J with the production profile: ERP tables
	 * and sync database (job repository included) in its test database, which outlives
	 * test runs and is therefore cleaned on start.
	 */
	MARIADB("mariadb", "mysql", "main");

	public static final String PROPERTY = "syncbatch.test.database";

	private final String value;

	private final String profile;

	private final String storeName;

	TestDatabase(String value, String profile, String storeName) {
		this.value = value;
		this.profile = profile;
		this.storeName = storeName;
	}

	/**
	 * What {@value #PROPERTY} chooses; a value that names no database fails instead of
	 * quietly meaning H2.
	 */
	public static TestDatabase current() {
		return of(System.getProperty(PROPERTY));
	}

	static TestDatabase of(String property) {
		if (property == null || property.isBlank()) {
			return EMBEDDED;
		}
		String wanted = property.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter(database -> database.value.equals(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(PROPERTY + "=" + property + " names no test database; use "
					+ Arrays.stream(values()).map(database -> database.value).collect(Collectors.joining(" or "))));
	}

	/** The Spring profile the application runs with on this database. */
	public String profile() {
		return this.profile;
	}

	/**
	 * The name the store is configured under. It differs between the databases on
	 * purpose: a scenario that passes on both proves that nothing hard-codes the store's
	 * name.
	 */
	public String storeName() {
		return this.storeName;
	}

	/**
	 * Whether the schema must be emptied before the migrations run: the MariaDB test
	 * database is shared.
	 */
	public boolean cleanSchemaOnStart() {
		return this == MARIADB;
	}

	/** The ERP and sync data sources as Spring test properties. */
	public void registerDatabases(DynamicPropertyRegistry registry) {
		if (this == EMBEDDED) {
			String name = UUID.randomUUID().toString();
			registry.add("syncbatch.erp.datasource.url", () -> "jdbc:h2:mem:erp-" + name
					+ ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1");
			registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sync-" + name + ";MODE=MySQL;DB_CLOSE_DELAY=-1");
			return;
		}
		String url = MariaDbCondition.jdbcUrl();
		registry.add("syncbatch.erp.datasource.url", () -> url);
		registry.add("syncbatch.erp.datasource.username", () -> "");
		registry.add("syncbatch.erp.datasource.password", () -> "");
		registry.add("spring.datasource.url", () -> url + "&rewriteBatchedStatements=true");
		registry.add("spring.datasource.username", () -> "");
		registry.add("spring.datasource.password", () -> "");
		registry.add("spring.flyway.clean-disabled", () -> "false");
	}

	/** {@code @ActiveProfiles(resolver = ...)}: the profile of {@link #current()}. */
	public static final class ActiveProfile implements ActiveProfilesResolver {

		@Override
		public String[] resolve(Class<?> testClass) {
			return new String[] { current().profile() };
		}

	}

}
