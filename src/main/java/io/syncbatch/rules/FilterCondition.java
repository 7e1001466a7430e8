package io.syncbatch.rules;

import org.jspecify.annotations.Nullable;

/**
 * One record of an export filtering condition: {@code field condition value [value2]}.
 * Inactive rows are kept (operators switch them off and on) but not evaluated.
 */
public record FilterCondition(Boolean active, String field, Condition condition, @Nullable String value,
		@Nullable String value2) {

	public FilterCondition {
		active = active == null || active;
	}

	public boolean isActive() {
		return active;
	}

	/** Reads as the operator wrote it, e.g. {@code CustomerClassID Equals COMMERCEBB}. */
	public String describe() {
		StringBuilder text = new StringBuilder(field).append(' ').append(condition.label());
		if (condition.takesValue()) {
			text.append(' ').append(value);
		}
		if (condition == Condition.BETWEEN) {
			text.append(" and ").append(value2);
		}
		return text.toString();
	}
}
