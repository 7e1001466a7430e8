package io.syncbatch.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a running execution proves that its process is alive: it renews the lease of its
 * store/entity lock every {@code renew-period}; a lease not renewed for {@code duration}
 * has expired, and its execution is recovered automatically.
 *
 * @param duration how long a lease lasts after its last renewal: the longest a dead
 * process blocks its store/entity
 * @param renewPeriod how often a running execution renews its lease, and how often
 * {@code serve} looks for expired ones
 */
@ConfigurationProperties("syncbatch.lease")
public record LeaseSettings(@DefaultValue("60s") Duration duration, @DefaultValue("10s") Duration renewPeriod) {

	public LeaseSettings {
		if (renewPeriod.isNegative() || renewPeriod.isZero() || renewPeriod.multipliedBy(2).compareTo(duration) > 0) {
			throw new IllegalArgumentException("syncbatch.lease.renew-period (" + renewPeriod
					+ ") must be positive and at most half of syncbatch.lease.duration (" + duration
					+ "), so that one late renewal does not lose a live run's lease");
		}
	}

}
