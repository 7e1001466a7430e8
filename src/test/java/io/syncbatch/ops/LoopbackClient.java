package io.syncbatch.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;

/**
 * A plain HTTP/1.0 client that sends from a chosen loopback address (127.0.0.2, …), so
 * that a test can be a client address of its own: the login throttle counts failures per
 * address, and the JDK 17 HTTP client cannot choose the address it sends from.
 */
final class LoopbackClient {

	record Response(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}
	}

	private final int port;

	private final String from;

	LoopbackClient(int port, String from) {
		this.port = port;
		this.from = from;
	}

	String from() {
		return from;
	}

	Response send(String method, String path, String contentType, String body, String user, String password)
			throws IOException {
		StringBuilder request = new StringBuilder(
				method + " " + path + " HTTP/1.0\r\nHost: 127.0.0.1:" + port + "\r\n");
		if (user != null) {
			request.append("Authorization: Basic ")
				.append(Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
				.append("\r\n");
		}
		byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
		if (contentType != null) {
			request.append("Content-Type: ").append(contentType).append("\r\n");
		}
		request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.write(content);
			out.flush();
			InputStream in = socket.getInputStream();
			String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int end = answer.indexOf("\r\n\r\n");
			String[] head = answer.substring(0, end).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						head[i].substring(colon + 1).trim());
			}
			return new Response(Integer.parseInt(head[0].split(" ")[1]), headers, answer.substring(end + 4));
		}
	}

}
