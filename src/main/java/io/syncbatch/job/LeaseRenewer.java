package io.syncbatch.job;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import io.syncbatch.history.RunLocks;

/**
 * Renews the lease of every lock this process holds, on a thread of its own, so that a
 * busy job (a long chunk, a slow store) still proves it is alive. A renewal that finds
 * the lock gone, or its lease expired, ends: the job released it, or this process could
 * not renew in time (the sync database unreachable longer than the lease), and the run is
 * left to be recovered as dead, also when the job's end could not release the lock. A
 * renewal that fails because the sync database cannot be reached is tried again at the
 * next period.
 */
@Component
class LeaseRenewer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LeaseRenewer.class);

	private final RunLocks locks;

	private final LeaseSettings settings;

	private final ScheduledExecutorService timer;

	LeaseRenewer(RunLocks locks, LeaseSettings settings) {
		this.locks = locks;
		this.settings = settings;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("syncbatch-lease-");
		threads.setDaemon(true);
		this.timer = Executors.newSingleThreadScheduledExecutor(threads);
	}

	/** Renews the lease of the lock this owner token holds until the lock is gone. */
	void renewWhileHeld(String owner, String what) {
		AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
		long period = settings.renewPeriod().toMillis();
		task.set(timer.scheduleAtFixedRate(() -> {
			try {
				if (!locks.renew(owner, settings.duration())) {
					ScheduledFuture<?> self = task.get();
					if (self != null) {
						self.cancel(false);
					}
				}
			}
			catch (RuntimeException unreachable) {
				log.warn("The lease of {} could not be renewed; trying again in {} ms: {}", what, period,
						unreachable.getMessage());
			}
		}, period, period, TimeUnit.MILLISECONDS));
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}

}
