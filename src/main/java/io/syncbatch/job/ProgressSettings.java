package io.syncbatch.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a run shows its progress while it lasts, on stderr: the command line turns it on
 * for the commands that run jobs ({@code syncbatch.progress.enabled}); a service logs its
 * runs instead.
 *
 * @param enabled print progress lines while a job runs
 * @param interval how often the line is redrawn when stderr is a terminal
 * @param plainInterval how often a line is printed when stderr is not a terminal (a
 * scheduler's log, a pipe): lines there are kept, not redrawn, so fewer of them
 */
@ConfigurationProperties("syncbatch.progress")
public record ProgressSettings(@DefaultValue("false") boolean enabled, @DefaultValue("1s") Duration interval,
		@DefaultValue("10s") Duration plainInterval) {

	public ProgressSettings {
		if (interval.isNegative() || interval.isZero() || plainInterval.isNegative() || plainInterval.isZero()) {
			throw new IllegalArgumentException(
					"syncbatch.progress.interval and syncbatch.progress.plain-interval must be positive");
		}
	}

}
