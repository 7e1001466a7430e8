package io.syncbatch.inbox;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import io.syncbatch.config.SyncbatchProperties;

/**
 * In {@code serve}: looks at the inbox every poll period, and forgets finished messages
 * older than the retention once an hour.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableScheduling
class InboxSchedule implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(InboxSchedule.class);

	private final InboxDispatcher dispatcher;

	private final Inbox inbox;

	private final SyncbatchProperties.Inbox settings;

	private final Clock clock;

	InboxSchedule(InboxDispatcher dispatcher, Inbox inbox, SyncbatchProperties properties, Clock clock) {
		this.dispatcher = dispatcher;
		this.inbox = inbox;
		this.settings = properties.inbox();
		this.clock = clock;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this::look, settings.pollPeriod());
		registrar.addFixedDelayTask(this::purge, Duration.ofHours(1));
	}

	void look() {
		try {
			dispatcher.dispatch();
		}
		catch (RuntimeException e) {
			log.warn("The inbox could not be processed now; trying again in {}: {}", settings.pollPeriod(),
					e.getMessage());
		}
	}

	void purge() {
		try {
			int forgotten = inbox.purge(clock.instant().minus(settings.retention()));
			if (forgotten > 0) {
				log.info("The inbox forgot {} message(s) finished more than {} ago", forgotten, settings.retention());
			}
		}
		catch (RuntimeException e) {
			log.warn("Finished inbox messages could not be purged now: {}", e.getMessage());
		}
	}

}
