package io.syncbatch.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The conditions of Acumatica's filtering condition rows. */
public enum Condition {

	EQUALS("Equals", true), NOT_EQUALS("NotEquals", true), IS_EMPTY("IsEmpty", false),
	IS_NOT_EMPTY("IsNotEmpty", false), IN("In", true), CONTAINS("Contains", true), STARTS_WITH("StartsWith", true),
	GREATER_THAN("GreaterThan", true), LESS_THAN("LessThan", true), BETWEEN("Between", true);

	private final String label;

	private final boolean takesValue;

	Condition(String label, boolean takesValue) {
		this.label = label;
		this.takesValue = takesValue;
	}

	public String label() {
		return label;
	}

	public boolean takesValue() {
		return takesValue;
	}

	/**
	 * Accepts {@code IsNotEmpty}, {@code Is Not Empty}, {@code is-not-empty} and
	 * {@code IS_NOT_EMPTY} alike.
	 */
	@JsonCreator
	public static Condition parse(String text) {
		String wanted = normalise(text);
		return Arrays.stream(values())
			.filter(condition -> normalise(condition.label).equals(wanted))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("unknown condition '" + text + "'; expected one of "
					+ Arrays.stream(values()).map(Condition::label).collect(Collectors.joining(", "))));
	}

	private static String normalise(String text) {
		return text == null ? "" : text.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
	}

}
