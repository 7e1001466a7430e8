package io.syncbatch.job;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * busy job (a long chunk, a slow store) still proves it is alive. A renewal ends when the
 * lock is gone (the job released it, or this process could not renew in time and another
 * recovered the execution, whose next update then fails on the job repository's
 * optimistic locking) or when the job bound to it has ended in this process: its end
 * could not release the lock (the sync database unreachable longer than the lease), and
 * the lease must then expire so that the next launch recovers the run, instead of being
 * renewed for as long as this process lives. A renewal that fails because the sync
 * database cannot be reached is tried again at the next period.
 */
@Component
class LeaseRenewer implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(LeaseRenewer.class);

	private final RunLocks locks;

	private final LeaseSettings settings;

	private final ScheduledExecutorService timer;

	/** Executions whose job ended in this process, until their lock's renewal ends. */
	private final Set<Long> ended = ConcurrentHashMap.newKeySet();

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
				Long execution = locks.boundExecution(owner).orElse(null);
				boolean over = execution != null && ended.remove(execution);
				if (over || !locks.renew(owner, settings.duration())) {
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

	/**
	 * The job of this execution ended here, whether or not its end could be recorded: its
	 * lock's lease is renewed no more.
	 */
	void ended(long executionId) {
		ended.add(executionId);
	}

	/** Its lock was released: the renewal ends on finding it gone. */
	void released(long executionId) {
		ended.remove(executionId);
	}

	@Override
	public void destroy() {
		timer.shutdownNow();
	}

}
