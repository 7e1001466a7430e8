package io.syncbatch.secrets;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * Hands an appender's encoder (a pattern or a structured format alike) each event with
 * its secrets masked, whatever logged it. Several application contexts in one JVM share
 * Logback's appenders, so each adds its own secrets here.
 */
final class RedactingEncoder extends EncoderBase<ILoggingEvent> {

	private final Encoder<ILoggingEvent> encoder;

	private final List<Secrets> secrets = new CopyOnWriteArrayList<>();

	RedactingEncoder(Encoder<ILoggingEvent> encoder) {
		this.encoder = encoder;
	}

	void add(Secrets more) {
		secrets.add(more);
	}

	void remove(Secrets less) {
		secrets.remove(less);
	}

	@Override
	public byte[] headerBytes() {
		return encoder.headerBytes();
	}

	@Override
	public byte[] encode(ILoggingEvent event) {
		ILoggingEvent masked = event;
		for (Secrets each : secrets) {
			masked = new RedactedEvent(masked, each);
		}
		return encoder.encode(masked);
	}

	@Override
	public byte[] footerBytes() {
		return encoder.footerBytes();
	}

	@Override
	public void start() {
		if (!encoder.isStarted()) {
			encoder.start();
		}
		super.start();
	}

	@Override
	public void stop() {
		encoder.stop();
		super.stop();
	}

}
