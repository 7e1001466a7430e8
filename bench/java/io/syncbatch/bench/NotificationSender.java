package io.syncbatch.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Sends requests at a fixed rate over a few kept-alive HTTP/1.1 connections, as wrk2
 * does, and measures each answer from the moment its request was due: a request that
 * waits for a free connection, because the server is slow to answer the previous ones,
 * has that wait counted. Plain sockets, because the benchmark shares the machine with
 * what it measures: the JDK's HttpClient took about as much CPU as the server it was
 * sending to.
 */
final class NotificationSender {

	private record Due(long at, byte[] request) {
	}

	private static final Due NO_MORE = new Due(0, new byte[0]);

	private final URI target;

	private final int connections;

	NotificationSender(URI target, int connections) {
		this.target = target;
		this.connections = connections;
	}

	/**
	 * Sends {@code count} requests at {@code rate} a second; returns each one's latency
	 * in nanoseconds, and counts those not answered 200 in {@code refused}.
	 */
	List<Long> send(int count, int rate, IntFunction<byte[]> body, AtomicInteger refused) throws InterruptedException {
		BlockingQueue<Due> queue = new LinkedBlockingQueue<>();
		ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
		List<Thread> senders = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			Thread sender = new Thread(() -> sendFrom(queue, latencies, refused), "sender-" + i);
			sender.start();
			senders.add(sender);
		}
		long period = 1_000_000_000L / rate;
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			long due = start + i * period;
			LockSupport.parkNanos(due - System.nanoTime());
			queue.add(new Due(due, request(body.apply(i))));
		}
		senders.forEach(sender -> queue.add(NO_MORE));
		for (Thread sender : senders) {
			sender.join(TimeUnit.MINUTES.toMillis(5));
		}
		return new ArrayList<>(latencies);
	}

	private byte[] request(byte[] body) {
		String head = String.format(Locale.ROOT,
				"POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n%s: %s\r\n"
						+ "Content-Length: %d\r\n\r\n",
				target.getRawPath(), target.getHost(), target.getPort(), RealtimeBenchmark.SECRET_HEADER,
				RealtimeBenchmark.SECRET, body.length);
		byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
		byte[] request = new byte[headBytes.length + body.length];
		System.arraycopy(headBytes, 0, request, 0, headBytes.length);
		System.arraycopy(body, 0, request, headBytes.length, body.length);
		return request;
	}

	/** A kept-alive connection, its answers read through one buffer. */
	private static final class Connection implements AutoCloseable {

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		private boolean closedByServer;

		Connection(URI target) throws IOException {
			this.socket = new Socket(target.getHost(), target.getPort());
			socket.setTcpNoDelay(true);
			this.in = new BufferedInputStream(socket.getInputStream());
			this.out = socket.getOutputStream();
		}

		/** Writes one request and reads its answer; returns its status. */
		int exchange(byte[] request) throws IOException {
			out.write(request);
			out.flush();
			int status = Integer.parseInt(line(in).split(" ")[1]);
			long length = -1;
			boolean chunked = false;
			for (String header = line(in); !header.isEmpty(); header = line(in)) {
				String lower = header.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					length = Long.parseLong(lower.substring("content-length:".length()).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
				else if (lower.startsWith("connection:") && lower.contains("close")) {
					closedByServer = true;
				}
			}
			if (chunked) {
				for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(),
						16)) {
					in.skipNBytes(size);
					line(in);
				}
				line(in);
			}
			else if (length > 0) {
				in.skipNBytes(length);
			}
			return status;
		}

		@Override
		public void close() {
			try {
				socket.close();
			}
			catch (IOException ignored) {
				// closing a broken connection
			}
		}

	}

	private void sendFrom(BlockingQueue<Due> queue, ConcurrentLinkedQueue<Long> latencies, AtomicInteger refused) {
		Connection connection = null;
		try {
			while (true) {
				Due due = queue.take();
				if (due == NO_MORE) {
					return;
				}
				int status = 0;
				// A kept-alive connection the server has just closed is opened again and
				// the
				// request sent again, as a sender does (a repeat is a duplicate at
				// worst).
				for (int attempt = 0; attempt < 2 && status == 0; attempt++) {
					try {
						if (connection == null) {
							connection = new Connection(target);
						}
						status = connection.exchange(due.request());
					}
					catch (IOException closed) {
						if (connection != null) {
							connection.close();
						}
						connection = null;
					}
				}
				latencies.add(System.nanoTime() - due.at());
				if (status != 200) {
					refused.incrementAndGet();
				}
				if (connection != null && connection.closedByServer) {
					connection.close();
					connection = null;
				}
			}
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (connection != null) {
				connection.close();
			}
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c < 0) {
				throw new IOException("the server closed the connection");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

}
