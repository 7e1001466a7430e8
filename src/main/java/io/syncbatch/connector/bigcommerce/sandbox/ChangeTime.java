package io.syncbatch.connector.bigcommerce.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The {@code date_modified} a change gives a record that already has one: now, or a
 * second after the previous one when now is not later. The store keeps whole seconds, so
 * two changes in one second would otherwise share a date_modified and look like one
 * change to whoever reads by it.
 */
final class ChangeTime {

	private ChangeTime() {
	}

	static Instant after(Instant previous, Instant now) {
		Instant wholeNow = now.truncatedTo(ChronoUnit.SECONDS);
		Instant earliest = previous.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
		return wholeNow.isBefore(earliest) ? earliest : wholeNow;
	}

}
