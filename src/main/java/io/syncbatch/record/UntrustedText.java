package io.syncbatch.record;

import java.util.Arrays;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Text an operator, a script or a browser sent (parameter names and values, ERP ids,
 * filters). Two rules keep it from doing harm on its way back out: a value with a control
 * character is refused before anything uses it (a newline in a parameter forged a line of
 * the log), and an error message shows at most a short prefix of a bad value (an 11 MB
 * body was once echoed back whole).
 */
public final class UntrustedText {

	/** How many characters of a bad value an error message shows. */
	public static final int SHOWN = 40;

	private UntrustedText() {
	}

	/**
	 * The value as an error message shows it: quoted, at most {@value #SHOWN} characters
	 * followed by "…" and its length, control characters as {@code \\uXXXX}.
	 */
	public static String quoted(@Nullable String value) {
		if (value == null) {
			return "(none)";
		}
		String shown = value.length() <= SHOWN ? value : value.substring(0, SHOWN);
		StringBuilder text = new StringBuilder("'");
		shown.codePoints().forEach(c -> {
			if (isControl(c)) {
				text.append(String.format("\\u%04X", c));
			}
			else {
				text.appendCodePoint(c);
			}
		});
		text.append('\'');
		if (shown.length() < value.length()) {
			text.append("… (").append(value.length()).append(" characters)");
		}
		return text.toString();
	}

	/**
	 * One of an enum's constants as an operator types it ({@code failed} for
	 * {@code FAILED}).
	 * @param refusal the start of the message refusing another text, e.g.
	 * {@code "is not a sync status"}; it goes on with the constants there are
	 * @throws IllegalArgumentException quoting the text and naming the constants
	 */
	public static <E extends Enum<E>> E constant(Class<E> type, String label, String text, String refusal) {
		try {
			return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(label + " " + quoted(text) + " " + refusal + "; expected one of "
					+ Arrays.toString(type.getEnumConstants()));
		}
	}

	/**
	 * Refuses a parameter (its name or its value) that holds a control character: C0
	 * (tab, newline, carriage return, NUL, …), DEL, C1, or a Unicode line or paragraph
	 * separator. None has a meaning in an ERP id, a filter, a store name or a mode, and
	 * each can split or rewrite a line of a log or a terminal.
	 * @param parameter how the message names it, e.g. {@code parameter 'ids'} or
	 * {@code erpIds[3]}
	 * @throws IllegalArgumentException naming the parameter, the character and where it
	 * is
	 */
	public static String requirePrintable(String parameter, String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (isControl(c)) {
				throw new IllegalArgumentException(
						parameter + " holds a control character (U+" + String.format("%04X", (int) c) + ") at position "
								+ (i + 1) + ": " + quoted(value) + "; control characters are refused");
			}
		}
		return value;
	}

	private static boolean isControl(int c) {
		return Character.getType(c) == Character.CONTROL || c == '\u2028' || c == '\u2029';
	}

}
