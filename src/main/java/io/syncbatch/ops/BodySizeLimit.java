package io.syncbatch.ops;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request bodies under a path ({@code /api}: small JSON documents; {@code /hooks}:
 * messages) have a limit: one larger is refused with 413 before any of it is used (an 11
 * MB retry body once held a sync-database transaction for 81 s, and a message is read
 * whole before its sender's secret is checked). A declared {@code Content-Length} over
 * the limit is refused without reading; a chunked body is read up to one byte past the
 * limit, into memory the limit bounds, and the endpoint reads it from there.
 */
final class BodySizeLimit extends OncePerRequestFilter {

	private final int maxBytes;

	private final String path;

	private final String setting;

	/**
	 * @param path the path whose requests it limits, with everything under it
	 * @param setting the setting that gives the limit, for the refusal to name
	 */
	BodySizeLimit(DataSize max, String path, String setting) {
		this.maxBytes = Math.toIntExact(max.toBytes());
		this.path = path;
		this.setting = setting;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		// Decoded, as the server maps it to a servlet: /%68ooks is /hooks.
		String requested = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
		return !(requested.equals(path) || requested.startsWith(path + "/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxBytes) {
			tooLarge(response);
			return;
		}
		byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
		if (body.length > maxBytes) {
			tooLarge(response);
			return;
		}
		chain.doFilter(new ReadBody(request, body), response);
	}

	private void tooLarge(HttpServletResponse response) throws IOException {
		ApiRefusals.send(response, HttpStatus.CONTENT_TOO_LARGE, "the request body is larger than the "
				+ DataSize.ofBytes(maxBytes).toKilobytes() + " KB " + path + " reads (" + setting + ")");
	}

	/** The request with its body already read. */
	private static final class ReadBody extends HttpServletRequestWrapper {

		private final byte[] body;

		ReadBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					return in.read(buffer, offset, length);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("the body is already read");
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}

	}

}
