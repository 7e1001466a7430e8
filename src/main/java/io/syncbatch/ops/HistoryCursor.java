package io.syncbatch.ops;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.syncbatch.record.UntrustedText;

/**
 * The {@code after} of a history page's next link: the last ERP id of the page,
 * base64url-encoded, so that an id with any characters in it travels in a URL unchanged
 * and clients treat the cursor as opaque.
 */
final class HistoryCursor {

	private HistoryCursor() {
	}

	static String encode(String erpId) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(erpId.getBytes(StandardCharsets.UTF_8));
	}

	static String decode(String cursor) {
		try {
			return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(
					"parameter 'after': " + UntrustedText.quoted(cursor) + " is not a cursor a history page gave");
		}
	}

}
