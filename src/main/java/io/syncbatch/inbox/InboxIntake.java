package io.syncbatch.inbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stores what the inbox's requests bring, many requests at a time, each request answered
 * once its messages are committed. Committing each request alone would make every
 * acknowledgement wait for its own flush of the database's log and hold a connection
 * meanwhile, which at a few hundred messages a second is more than the sync database's
 * pool and disk give: here one thread stores, all or nothing, whatever arrived while the
 * previous one committed. The stores' real-time states are read in the same pass, so that
 * a store stopped by another process refuses the very next message.
 */
@Component
@ConditionalOnWebApplication
class InboxIntake implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InboxIntake.class);

	/** The most requests stored together. */
	private static final int MOST_TOGETHER = 500;

	/** How long a request waits for its messages to be stored before it is refused. */
	private static final Duration PATIENCE = Duration.ofSeconds(30);

	/**
	 * What became of one request's messages: stored, or refused because the store's
	 * real-time sync is stopped.
	 */
	record Intake(RealtimeState state, List<InboxMessage> messages) {
	}

	private record Request(String store, List<Arrival> arrivals, CompletableFuture<Intake> intake) {
	}

	private final Inbox inbox;

	private final RealtimeStates states;

	private final BlockingQueue<Request> arrived = new LinkedBlockingQueue<>();

	private volatile boolean running;

	private @Nullable Thread writer;

	InboxIntake(Inbox inbox, RealtimeStates states) {
		this.inbox = inbox;
		this.states = states;
	}

	/**
	 * Stores one request's arrivals, all or nothing, unless the store's real-time sync is
	 * stopped.
	 * @throws IllegalStateException when they could not be stored (the sync database
	 * away, or {@code serve} stopping)
	 */
	Intake receive(String store, List<Arrival> arrivals) {
		if (!running) {
			throw new IllegalStateException("serve is stopping and takes no more messages");
		}
		Request request = new Request(store, arrivals, new CompletableFuture<>());
		arrived.add(request);
		try {
			return request.intake().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException failed) {
			if (failed.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw new IllegalStateException("the messages could not be stored: " + failed.getCause(), failed);
		}
		catch (TimeoutException slow) {
			throw new IllegalStateException("the messages were not stored within " + PATIENCE.toSeconds() + " s");
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while the messages were stored", interrupted);
		}
	}

	private void write() {
		while (running || !arrived.isEmpty()) {
			try {
				Request first = arrived.poll(100, TimeUnit.MILLISECONDS);
				if (first != null) {
					List<Request> requests = new ArrayList<>(List.of(first));
					arrived.drainTo(requests, MOST_TOGETHER - 1);
					store(requests);
				}
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void store(List<Request> requests) {
		List<Request> accepted = new ArrayList<>();
		try {
			Map<String, RealtimeState> stateOf = new HashMap<>();
			for (Request request : requests) {
				RealtimeState state = stateOf.computeIfAbsent(request.store(), states::of);
				if (state == RealtimeState.STOPPED) {
					request.intake().complete(new Intake(state, List.of()));
				}
				else {
					accepted.add(request);
				}
			}
			if (accepted.isEmpty()) {
				return;
			}
			List<List<InboxMessage>> stored = inbox.receive(accepted.stream().map(Request::arrivals).toList());
			for (int i = 0; i < accepted.size(); i++) {
				Request request = accepted.get(i);
				request.intake()
					.complete(new Intake(Objects.requireNonNull(stateOf.get(request.store())), stored.get(i)));
			}
		}
		catch (RuntimeException failed) {
			List<Request> open = requests.stream().filter(request -> !request.intake().isDone()).toList();
			if (requests.size() == 1) {
				open.forEach(request -> request.intake().completeExceptionally(failed));
				return;
			}
			// One request may be what failed (a repeat stored by another process a moment
			// before): each is stored alone, so that only that one is refused.
			log.debug("Storing {} requests together failed; storing each alone: {}", requests.size(),
					failed.getMessage());
			open.forEach(request -> store(List.of(request)));
		}
	}

	@Override
	public void start() {
		running = true;
		Thread thread = new Thread(this::write, "inbox-intake");
		thread.setDaemon(true);
		thread.start();
		writer = thread;
	}

	/**
	 * Stops after storing what arrived: the web server has stopped taking requests by
	 * then (it stops in a later phase).
	 */
	@Override
	public void stop() {
		running = false;
		Thread thread = writer;
		if (thread != null) {
			try {
				thread.join(PATIENCE.toMillis());
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Before the web server starts, and after it stopped. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

}
