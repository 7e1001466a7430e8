package io.syncbatch.bench;

import java.util.HashMap;
import java.util.Map;

/** A benchmark's command line: {@code --name=value} options, by name. */
final class BenchArguments {

	private BenchArguments() {
	}

	static Map<String, String> parse(String... arguments) {
		Map<String, String> given = new HashMap<>();
		for (String argument : arguments) {
			String[] pair = argument.replaceFirst("^--", "").split("=", 2);
			if (pair.length != 2) {
				throw new IllegalArgumentException("expected --name=value, got '" + argument + "'");
			}
			given.put(pair[0], pair[1]);
		}
		return given;
	}

}
