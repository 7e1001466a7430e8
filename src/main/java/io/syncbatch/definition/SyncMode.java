package io.syncbatch.definition;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * How an entity's sync is started (the seeds' sync modes): by real-time messages, by
 * {@code serve}'s schedules, or on an event another system announces (the ERP's shift
 * closing).
 */
public enum SyncMode {

	REAL_TIME("real-time"), SCHEDULED("scheduled"), ON_EVENT("on-event");

	private final String label;

	SyncMode(String label) {
		this.label = label;
	}

	/** As definitions write it: {@code real-time}. */
	public String label() {
		return label;
	}

	@JsonCreator
	public static SyncMode parse(String text) {
		String wanted = text.trim().toLowerCase(Locale.ROOT);
		return Arrays.stream(values())
			.filter(mode -> mode.label.equals(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"unknown sync mode '" + text + "'; expected real-time, scheduled or on-event"));
	}

	@Override
	public String toString() {
		return label;
	}

}
