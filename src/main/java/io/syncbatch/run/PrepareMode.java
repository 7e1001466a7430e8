package io.syncbatch.run;

import java.util.Arrays;
import io.syncbatch.record.UntrustedText;

/** As Acumatica's Prepare Data form: what prepare reads from the ERP. */
public enum PrepareMode {

	/**
	 * Rows whose change column moved since the last completed run (everything on the
	 * first run).
	 */
	INCREMENTAL,
	/**
	 * Every row; still only rows whose fingerprint changed are prepared, so a repeated
	 * full run is cheap.
	 */
	FULL;

	public static PrepareMode parse(String text) {
		return Arrays.stream(values())
			.filter(mode -> mode.name().equalsIgnoreCase(text.trim()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("parameter 'mode': " + UntrustedText.quoted(text)
					+ " is not a prepare mode; expected incremental or full"));
	}

}
