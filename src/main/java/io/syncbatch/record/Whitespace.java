package io.syncbatch.record;

import java.util.regex.Pattern;

/**
 * Names typed into an ERP carry stray runs of spaces, tabs and line breaks
 * ({@code "Padded   Name  Ltd"}); the store and the history show them as one space.
 */
public final class Whitespace {

	private static final Pattern RUNS = Pattern.compile("\\s+");

	private Whitespace() {
	}

	/** The text trimmed, with every inner run of whitespace as one space. */
	public static String collapsed(String text) {
		return RUNS.matcher(text.strip()).replaceAll(" ");
	}

}
