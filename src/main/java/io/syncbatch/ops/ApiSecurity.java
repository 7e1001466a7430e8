package io.syncbatch.ops;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import io.syncbatch.config.SyncbatchProperties;

/**
 * Every {@code /api} endpoint needs the configured operator (HTTP Basic); health, info
 * and the Prometheus scrape stay open for load balancers and Prometheus. The operator is
 * defined here in every mode so that Boot never generates a default password, which it
 * would print to the log.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

	private static final Logger log = LoggerFactory.getLogger(ApiSecurity.class);
	static final String OPERATOR = "OPERATOR";

	@Bean
	UserDetailsService operators(SyncbatchProperties properties) {
		SyncbatchProperties.Api api = properties.api();
		if (!hasPassword(api)) {
			return new InMemoryUserDetailsManager();
		}
		String configured = Objects.requireNonNull(api.password());
		String password = configured.startsWith("{") ? configured : "{noop}" + configured;
		return new InMemoryUserDetailsManager(
				User.withUsername(api.username()).password(password).roles(OPERATOR).build());
	}

	private static boolean hasPassword(SyncbatchProperties.Api api) {
		return api.password() != null && !api.password().isBlank();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	@ConditionalOnWebApplication
	SecurityFilterChain api(HttpSecurity http, SyncbatchProperties properties) throws Exception {
		if (!hasPassword(properties.api())) {
			log.warn("No operator password is configured (syncbatch.api.password): every /api request is refused");
		}
		return http
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.anyRequest()
				.hasRole(OPERATOR))
			.httpBasic(Customizer.withDefaults())
			// Stateless Basic auth, no cookies: there is no browser session for a
			// cross-site request to ride on.
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

}
