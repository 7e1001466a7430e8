package io.syncbatch.ops;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's defence against cross-site request forgery. A browser that holds the
 * operator's Basic credentials sends them with any request to this host, also one a page
 * on another site makes it send; but without asking the server first (a CORS preflight,
 * which this server never grants) it can only send a form's content types
 * ({@code application/x-www-form-urlencoded}, {@code multipart/form-data},
 * {@code text/plain}). So every request that changes state (any method but GET, HEAD,
 * OPTIONS and TRACE) under {@code /api} must say {@code Content-Type: application/json},
 * with a body or without one (restart, stop, recover), or it is refused with 415 before
 * anything else happens. One rule, no tokens, nothing for scripts to keep: {@code curl}
 * adds the header.
 */
final class JsonOnlyWrites extends OncePerRequestFilter {

	private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return READS.contains(request.getMethod()) || !(path.equals("/api") || path.startsWith("/api/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!isJson(request.getContentType())) {
			ApiRefusals.send(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					"a request that changes anything must be sent with Content-Type: application/json, with or"
							+ " without a body (a browser cannot send that from another site without asking first)");
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean isJson(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.getType().equalsIgnoreCase("application") && type.getSubtype().equalsIgnoreCase("json");
		}
		catch (InvalidMediaTypeException e) {
			return false;
		}
	}

}
