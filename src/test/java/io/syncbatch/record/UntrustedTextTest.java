package io.syncbatch.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UntrustedTextTest {

	@Test
	void aBadValueIsShownQuotedShortAndWithItsControlCharactersEscaped() {
		assertThat(UntrustedText.quoted("LOST")).isEqualTo("'LOST'");
		assertThat(UntrustedText.quoted("a\nb\u0000")).isEqualTo("'a\\u000Ab\\u0000'");
		assertThat(UntrustedText.quoted("z".repeat(41))).isEqualTo("'" + "z".repeat(40) + "'… (41 characters)");
		assertThat(UntrustedText.quoted(null)).isEqualTo("(none)");
	}

	@Test
	void everyControlCharacterIsRefusedAndPrintableTextIsNot() {
		for (char c : new char[] { '\n', '\r', '\t', '\u0000', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029' }) {
			assertThatThrownBy(() -> UntrustedText.requirePrintable("parameter 'ids'", "A" + c)).as("U+%04X", (int) c)
				.hasMessageStartingWith(
						String.format("parameter 'ids' holds a control character (U+%04X) at position 2", (int) c));
		}
		assertThat(UntrustedText.requirePrintable("parameter 'ids'", "Jamifique ' OR 1=1 -- ü ✓ %_"))
			.isEqualTo("Jamifique ' OR 1=1 -- ü ✓ %_");
	}

}
