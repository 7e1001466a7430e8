package io.syncbatch.ops;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import io.syncbatch.config.SyncbatchProperties;

/**
 * Every {@code /api} endpoint needs a login (HTTP Basic): the operator may do everything,
 * the viewer only read (every GET; anything else is 403). Health, info and the Prometheus
 * scrape stay open for load balancers and Prometheus; the inbox's {@code /hooks} take no
 * login, as their senders (the ERP, a store) authenticate by the secret header the inbox
 * checks. The accounts are a bean in every mode so that Boot never generates a default
 * password, which it would print to the log.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

	private static final Logger log = LoggerFactory.getLogger(ApiSecurity.class);

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	ApiAccounts apiAccounts(SyncbatchProperties properties, PasswordEncoder passwordEncoder, Clock clock) {
		SyncbatchProperties.Api api = properties.api();
		return new ApiAccounts(ApiAccounts.configured(api), passwordEncoder,
				new VerifiedLogins(api.verifiedLoginTtl(), clock), new LoginThrottle(api.loginThrottle(), clock));
	}

	/**
	 * The inbox's {@code /hooks}: no login and no session (their senders are known by the
	 * secret header the inbox's servlet checks, which a page in a browser cannot send to
	 * another site), and a limit on the body, which is read before that check. Nothing
	 * else of Spring Security's, because every arriving message passes through it: at a
	 * few hundred messages a second the full chain of the API was a fifth of the inbox's
	 * work.
	 */
	@Bean
	@Order(1)
	@ConditionalOnWebApplication
	SecurityFilterChain hooks(HttpSecurity http, SyncbatchProperties properties) throws Exception {
		return http.securityMatcher("/hooks/**")
			.addFilterBefore(
					new BodySizeLimit(properties.inbox().maxBodySize(), "/hooks", "syncbatch.inbox.max-body-size"),
					AuthorizationFilter.class)
			.anonymous(anonymous -> anonymous.disable())
			.csrf(csrf -> csrf.disable())
			.exceptionHandling(exceptions -> exceptions.disable())
			.headers(headers -> headers.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.disable())
			.servletApi(servletApi -> servletApi.disable())
			.sessionManagement(session -> session.disable())
			.build();
	}

	@Bean
	@Order(2)
	@ConditionalOnWebApplication
	SecurityFilterChain api(HttpSecurity http, SyncbatchProperties properties, ApiAccounts accounts) throws Exception {
		if (!accounts.hasAccounts()) {
			log.warn("No operator password is configured (syncbatch.api.password): every /api request is refused");
		}
		ApiRefusals refusals = new ApiRefusals();
		return http
			// Only these accounts, without the global manager as a parent: a refused
			// login
			// must not be checked a second time there.
			.authenticationManager(new ProviderManager(accounts))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/actuator/prometheus")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/**")
				.hasAnyRole(ApiAccounts.OPERATOR, ApiAccounts.VIEWER)
				.anyRequest()
				.hasRole(ApiAccounts.OPERATOR))
			.httpBasic(basic -> basic.authenticationEntryPoint(refusals))
			.exceptionHandling(
					exceptions -> exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
			// Both before the login is checked, so that a refused request costs no
			// password
			// check: a write must be JSON (JsonOnlyWrites is the defence against
			// cross-site
			// requests, in place of Spring's CSRF tokens, which a stateless API without
			// cookies has no page to carry), and a body must be small.
			.addFilterBefore(new JsonOnlyWrites(), BasicAuthenticationFilter.class)
			.addFilterBefore(new BodySizeLimit(properties.api().maxBodySize(), "/api", "syncbatch.api.max-body-size"),
					BasicAuthenticationFilter.class)
			.csrf(csrf -> csrf.disable())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

}
