package io.syncbatch.definition;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Which way an entity's records flow (Acumatica's "Sync Direction"). A bidirectional
 * entity has a job of each direction over the same bindings; its definition names the
 * system whose version wins a conflict.
 */
public enum SyncDirection {

	/** ERP to store: {@code <entity>-export}. */
	EXPORT,
	/** Store to ERP: {@code <entity>-import}. */
	IMPORT,
	/** Both, one job each way. */
	BIDIRECTIONAL;

	/** The one-way directions this declares, export first. */
	public List<SyncDirection> ways() {
		return this == BIDIRECTIONAL ? List.of(EXPORT, IMPORT) : List.of(this);
	}

	/** As job names, logs, metric tags and the sync database write it. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	@JsonCreator
	public static SyncDirection parse(String text) {
		return Arrays.stream(values())
			.filter(direction -> direction.label().equalsIgnoreCase(text.trim()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"unknown direction '" + text + "'; expected export, import or bidirectional"));
	}

}
