package io.syncbatch.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Which configured values are secrets, and the forms in which they are masked. */
class SecretsTest {

	@Test
	void propertiesWhoseNameSaysSecretAreSecrets() {
		assertThat(Secrets.secretName("syncbatch.stores.main.access-token")).isTrue();
		assertThat(Secrets.secretName("spring.datasource.password")).isTrue();
		assertThat(Secrets.secretName("BIGCOMMERCE_ACCESS_TOKEN")).isTrue();
		assertThat(Secrets.secretName("syncbatch.stores.shop.client-secret")).isTrue();
		assertThat(Secrets.secretName("syncbatch.stores.shop.apiKey")).isTrue();
		assertThat(Secrets.secretName("syncbatch.stores.shop.credentials[0]")).isTrue();
		assertThat(Secrets.secretName("server.ssl.key-store")).isFalse();
		assertThat(Secrets.secretName("syncbatch.monkey")).isFalse();
		assertThat(Secrets.secretName("spring.datasource.username")).isFalse();
	}

	@Test
	void everyConfiguredSecretIsMaskedInEachFormAMessageMayCarryIt() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test",
					Map.of("syncbatch.stores.main.access-token", "tok/en+42", "syncbatch.api.username", "ops",
							"syncbatch.api.password", "{noop}change-me", "spring.datasource.url",
							"jdbc:mysql://sync:s3cr3t-pw@db:3306/sync?user=x&password=url-pass;x=1",
							"syncbatch.erp.datasource.password", "sa", "syncbatch.stores.main.store-hash", "abc123")));
		Secrets secrets = new Secrets(environment);

		assertThat(secrets.redact("X-Auth-Token: tok/en+42")).isEqualTo("X-Auth-Token: ****");
		assertThat(secrets.redact("?token=tok%2Fen%2B42")).isEqualTo("?token=****");
		assertThat(secrets.redact("password change-me")).isEqualTo("password ****");
		String basic = Base64.getEncoder().encodeToString("ops:change-me".getBytes());
		assertThat(secrets.redact("Authorization: Basic " + basic)).isEqualTo("Authorization: Basic ****");
		assertThat(secrets.redact("denied for s3cr3t-pw and url-pass")).isEqualTo("denied for **** and ****");
		assertThat(secrets.redact("user sa on store abc123")).as("too short to mask; not a secret")
			.isEqualTo("user sa on store abc123");
		assertThat(secrets.redact(null)).isNull();
	}

}
