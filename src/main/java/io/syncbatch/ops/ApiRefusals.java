package io.syncbatch.ops;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * How the API says no, each time with a sentence as a problem detail (RFC 9457), as the
 * controllers do: 401 without a valid login, 429 with {@code Retry-After} when logins are
 * throttled, 403 when the viewer asks for a change, and (for the request filters) 415 and
 * 413. The sentences are fixed: nothing the client sent is echoed.
 */
final class ApiRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refusal)
			throws IOException {
		if (refusal instanceof LoginThrottledException throttled) {
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
			send(response, HttpStatus.TOO_MANY_REQUESTS, throttled.sentence());
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"syncbatch\", charset=\"UTF-8\"");
		send(response, HttpStatus.UNAUTHORIZED,
				"this endpoint needs the operator or the viewer (HTTP Basic); the login was missing or wrong");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		send(response, HttpStatus.FORBIDDEN,
				"the viewer may only read (GET); this " + method(request) + " needs the operator");
	}

	static void send(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + json(status.getReasonPhrase()) + "\",\"status\":"
					+ status.value() + ",\"detail\":\"" + json(detail) + "\"}");
	}

	/** Only methods the server knows reach this, but it is the client's text. */
	private static String method(HttpServletRequest request) {
		String method = request.getMethod();
		return method.matches("[A-Z]{1,10}") ? method : "request";
	}

	private static String json(String text) {
		StringBuilder escaped = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c < 0x20) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
