package io.syncbatch.rules;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Checks a rule's settings as the definition is read, so a missing one is reported with
 * the file and line.
 */
final class RuleSettings {

	private RuleSettings() {
	}

	/**
	 * @param namesAndValues alternating setting names and values
	 */
	static void require(String rule, @Nullable String... namesAndValues) {
		List<String> missing = new ArrayList<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			String value = namesAndValues[i + 1];
			if (value == null || value.isBlank()) {
				missing.add(namesAndValues[i]);
			}
		}
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException("rule '" + rule + "' needs " + String.join(", ", missing));
		}
	}

}
