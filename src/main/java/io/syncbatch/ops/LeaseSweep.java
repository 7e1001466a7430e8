package io.syncbatch.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import io.syncbatch.job.ExpiredRuns;
import io.syncbatch.job.LeaseSettings;

/**
 * In {@code serve}, recovers every execution whose lease expired once per renew period,
 * so that a crashed process's store/entity is free again before anyone launches it (a
 * launch would recover it too).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableScheduling
class LeaseSweep implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(LeaseSweep.class);

	private final ExpiredRuns expiredRuns;

	private final LeaseSettings settings;

	LeaseSweep(ExpiredRuns expiredRuns, LeaseSettings settings) {
		this.expiredRuns = expiredRuns;
		this.settings = settings;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::sweep, settings.renewPeriod());
	}

	void sweep() {
		try {
			expiredRuns.recoverAll();
		}
		catch (RuntimeException e) {
			log.warn("Expired leases could not be recovered now; trying again in {}: {}", settings.renewPeriod(),
					e.getMessage());
		}
	}

}
