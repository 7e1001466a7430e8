package io.syncbatch.secrets;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Masks the secrets in every line the log writes: each Logback appender that writes
 * through an encoder (the console and the log file, in Boot's pattern or structured
 * formats) gets its encoder wrapped by a {@link RedactingEncoder}. Installed as soon as
 * the secrets are known, at the start of the application context; lines logged before
 * that (the configuration itself failing) are not masked.
 */
@Component
class LogRedaction implements DisposableBean {

	private final Secrets secrets;

	private final List<RedactingEncoder> wrapped = new ArrayList<>();

	LogRedaction(Secrets secrets) {
		this.secrets = secrets;
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
			for (Logger logger : logback.getLoggerList()) {
				for (Iterator<Appender<ILoggingEvent>> appenders = logger.iteratorForAppenders(); appenders
					.hasNext();) {
					if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
						wrap(appender);
					}
				}
			}
		}
	}

	private synchronized void wrap(OutputStreamAppender<ILoggingEvent> appender) {
		Encoder<ILoggingEvent> encoder = appender.getEncoder();
		if (encoder == null) {
			return;
		}
		RedactingEncoder redacting;
		if (encoder instanceof RedactingEncoder already) {
			redacting = already;
		}
		else {
			redacting = new RedactingEncoder(encoder);
			redacting.setContext(encoder.getContext());
			redacting.start();
			appender.setEncoder(redacting);
		}
		redacting.add(secrets);
		wrapped.add(redacting);
	}

	@Override
	public synchronized void destroy() {
		wrapped.forEach(encoder -> encoder.remove(secrets));
		wrapped.clear();
	}

}
