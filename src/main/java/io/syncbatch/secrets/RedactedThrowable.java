package io.syncbatch.secrets;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.jspecify.annotations.Nullable;

/** A logged exception, its causes and suppressed ones with their messages masked. */
final class RedactedThrowable implements IThrowableProxy {

	private final IThrowableProxy thrown;

	private final Secrets secrets;

	RedactedThrowable(IThrowableProxy thrown, Secrets secrets) {
		this.thrown = thrown;
		this.secrets = secrets;
	}

	@Override
	public @Nullable String getMessage() {
		return secrets.redact(thrown.getMessage());
	}

	@Override
	public @Nullable String getOverridingMessage() {
		return secrets.redact(thrown.getOverridingMessage());
	}

	@Override
	public String getClassName() {
		return thrown.getClassName();
	}

	@Override
	public StackTraceElementProxy[] getStackTraceElementProxyArray() {
		return thrown.getStackTraceElementProxyArray();
	}

	@Override
	public int getCommonFrames() {
		return thrown.getCommonFrames();
	}

	@Override
	public @Nullable IThrowableProxy getCause() {
		IThrowableProxy cause = thrown.getCause();
		return cause == null ? null : new RedactedThrowable(cause, secrets);
	}

	@Override
	public IThrowableProxy[] getSuppressed() {
		IThrowableProxy[] suppressed = thrown.getSuppressed();
		IThrowableProxy[] masked = new IThrowableProxy[suppressed.length];
		for (int i = 0; i < suppressed.length; i++) {
			masked[i] = new RedactedThrowable(suppressed[i], secrets);
		}
		return masked;
	}

	@Override
	public boolean isCyclic() {
		return thrown.isCyclic();
	}

}
