package io.syncbatch.erpwrite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumberingSequencesTest {

	@Test
	void theDigitsAtTheEndCountUpInTheSameWidth() {
		assertThat(NumberingSequences.increment("EC00003", 1)).isEqualTo("EC00004");
		assertThat(NumberingSequences.increment("EC00009", 1)).isEqualTo("EC00010");
		assertThat(NumberingSequences.increment("SO-2026-0998", 2)).isEqualTo("SO-2026-1000");
	}

	@Test
	void aNumberThatWouldNeedAnotherDigitOrHasNoneIsNone() {
		assertThat(NumberingSequences.increment("EC99999", 1)).isNull();
		assertThat(NumberingSequences.increment("NODIGITS", 1)).isNull();
	}

}
