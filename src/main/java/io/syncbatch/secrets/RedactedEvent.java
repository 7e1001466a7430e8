package io.syncbatch.secrets;

import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A log event as the encoders see it: the original, with its message, arguments and
 * exception messages masked.
 */
final class RedactedEvent implements ILoggingEvent {

	private final ILoggingEvent event;

	private final Secrets secrets;

	RedactedEvent(ILoggingEvent event, Secrets secrets) {
		this.event = event;
		this.secrets = secrets;
	}

	@Override
	public @Nullable String getMessage() {
		return secrets.redact(event.getMessage());
	}

	@Override
	public @Nullable Object @Nullable [] getArgumentArray() {
		Object[] arguments = event.getArgumentArray();
		if (arguments == null) {
			return null;
		}
		Object[] masked = arguments.clone();
		for (int i = 0; i < masked.length; i++) {
			if (masked[i] instanceof CharSequence text) {
				masked[i] = secrets.redacted(text.toString());
			}
		}
		return masked;
	}

	@Override
	public @Nullable String getFormattedMessage() {
		return secrets.redact(event.getFormattedMessage());
	}

	@Override
	public @Nullable IThrowableProxy getThrowableProxy() {
		IThrowableProxy thrown = event.getThrowableProxy();
		return thrown == null ? null : new RedactedThrowable(thrown, secrets);
	}

	@Override
	public String getThreadName() {
		return event.getThreadName();
	}

	@Override
	public Level getLevel() {
		return event.getLevel();
	}

	@Override
	public String getLoggerName() {
		return event.getLoggerName();
	}

	@Override
	public LoggerContextVO getLoggerContextVO() {
		return event.getLoggerContextVO();
	}

	@Override
	public StackTraceElement[] getCallerData() {
		return event.getCallerData();
	}

	@Override
	public boolean hasCallerData() {
		return event.hasCallerData();
	}

	@Override
	@SuppressWarnings("deprecation")
	public @Nullable Marker getMarker() {
		return event.getMarker();
	}

	@Override
	public List<Marker> getMarkerList() {
		return event.getMarkerList();
	}

	@Override
	public Map<String, String> getMDCPropertyMap() {
		return event.getMDCPropertyMap();
	}

	@Override
	@SuppressWarnings("deprecation")
	public Map<String, String> getMdc() {
		return event.getMdc();
	}

	@Override
	public long getTimeStamp() {
		return event.getTimeStamp();
	}

	@Override
	public int getNanoseconds() {
		return event.getNanoseconds();
	}

	@Override
	public java.time.Instant getInstant() {
		return event.getInstant();
	}

	@Override
	public long getSequenceNumber() {
		return event.getSequenceNumber();
	}

	@Override
	public List<KeyValuePair> getKeyValuePairs() {
		return event.getKeyValuePairs();
	}

	@Override
	public void prepareForDeferredProcessing() {
		event.prepareForDeferredProcessing();
	}

}
