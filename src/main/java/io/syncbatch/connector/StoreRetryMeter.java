package io.syncbatch.connector;

import org.springframework.context.event.EventListener;
import org.springframework.resilience.retry.MethodRetryEvent;
import org.springframework.stereotype.Component;

import io.syncbatch.metrics.SyncMeters;

/**
 * Counts the retries of {@link StoreWrites} and {@link StoreReads}. Spring's
 * {@code @Retryable} publishes an event for every failed attempt and, when it gives up, a
 * second one marked "aborted" at once on the same thread; so a failed attempt was retried
 * exactly when the next attempt starts without an abort in between.
 */
@Component
class StoreRetryMeter {

	private final SyncMeters meters;

	/**
	 * The store of this thread's last failed attempt, until it is retried or given up.
	 */
	private final ThreadLocal<String> failedAttempt = new ThreadLocal<>();

	StoreRetryMeter(SyncMeters meters) {
		this.meters = meters;
	}

	@EventListener
	void on(MethodRetryEvent event) {
		Object[] arguments = event.getSource().getArguments();
		if (!(event.getSource().getThis() instanceof StoreWrites || event.getSource().getThis() instanceof StoreReads)
				|| arguments.length == 0 || !(arguments[0] instanceof String store)) {
			return;
		}
		if (event.isRetryAborted()) {
			failedAttempt.remove();
		}
		else {
			failedAttempt.set(store);
		}
	}

	/** Called as every attempt starts. */
	void attemptStarting() {
		String store = failedAttempt.get();
		if (store != null) {
			failedAttempt.remove();
			meters.retried(store);
		}
	}

}
