package io.syncbatch.definition;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The system whose version wins when both changed a record since it was last synced
 * (Acumatica's "Primary System"; the seeds' "External System" is the store).
 */
public enum PrimarySystem {

	ERP, STORE;

	@JsonCreator
	public static PrimarySystem parse(String text) {
		String wanted = text.trim().toLowerCase(Locale.ROOT);
		if (wanted.equals("external") || wanted.equals("external-system") || wanted.equals("external system")) {
			return STORE;
		}
		return Arrays.stream(values())
			.filter(system -> system.name().equalsIgnoreCase(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"unknown primary system '" + text + "'; expected erp or store (the external system)"));
	}

}
