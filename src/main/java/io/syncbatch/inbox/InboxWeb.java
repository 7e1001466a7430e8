package io.syncbatch.inbox;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.micrometer.observation.ObservationPredicate;
import io.syncbatch.config.SyncbatchProperties;
import io.syncbatch.connector.StoreConnectors;
import io.syncbatch.definition.Definitions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbox's endpoint in {@code serve}: its servlet under {@code /hooks}, and no
 * observations of its requests (an observation per request was a tenth of the
 * acknowledgements' work; the inbox's own meters count what arrives).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class InboxWeb {

	static final String PATH = "/hooks";

	@Bean
	ServletRegistrationBean<InboxEndpoint> inboxEndpoint(InboxIntake intake, StoreConnectors stores,
			SyncbatchProperties properties, JsonMapper json, Definitions definitions, InboxMeters meters) {
		ServletRegistrationBean<InboxEndpoint> registration = new ServletRegistrationBean<>(
				new InboxEndpoint(intake, stores, properties, json, definitions, meters), PATH + "/*");
		registration.setName("inbox");
		return registration;
	}

	/**
	 * Leaves out the observations made while a {@code /hooks} request is served: the
	 * server's own (whose context carries the request) and those inside it, such as the
	 * security filter chain's (made once the request is bound to the thread).
	 */
	@Bean
	ObservationPredicate hooksUnobserved() {
		return (name, context) -> {
			HttpServletRequest request = context instanceof ServerRequestObservationContext server ? server.getCarrier()
					: RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
							? attributes.getRequest() : null;
			return request == null || !isHook(request);
		};
	}

	/**
	 * Decoded, as the server maps it to the servlet; a request it cannot read is
	 * observed.
	 */
	private static boolean isHook(HttpServletRequest request) {
		try {
			return PATH.equals(request.getServletPath());
		}
		catch (RuntimeException recycled) {
			return false;
		}
	}

}
