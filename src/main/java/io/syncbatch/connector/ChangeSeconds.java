package io.syncbatch.connector;

import java.time.Clock;

/**
 * Reading a store's changes by the second: a second is read whole only once it is over,
 * so that no change can still enter it afterwards. Our clock stands in for the store's.
 */
public final class ChangeSeconds {

	private ChangeSeconds() {
	}

	/**
	 * Waits until the clock is past this second (epoch seconds): at most about one.
	 * @param what what is read, for the message: {@code customers}
	 * @throws TransientStoreException when interrupted meanwhile
	 */
	public static void awaitOver(Clock clock, long second, StoreChannel channel, String what) {
		long millis = (second + 1) * 1000 - clock.millis();
		if (millis <= 0) {
			return;
		}
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new TransientStoreException("interrupted while waiting to read " + what + " of store "
					+ channel.storeName() + " changed in a second not over yet", interrupted);
		}
	}

}
