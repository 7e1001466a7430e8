package io.syncbatch.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Fingerprints a record's fields so that prepare can tell a changed record from one whose
 * change time merely moved. MD5 is used as a fast checksum, not for security: a collision
 * would only skip one re-sync.
 */
public final class Fingerprint {

	private static final byte FIELD_SEPARATOR = 0x1f;

	private static final byte NULL_MARKER = 0x00;

	private final String ignoredField;

	/**
	 * @param ignoredField the change time, which moves without anything worth syncing
	 * changing
	 */
	public Fingerprint(String ignoredField) {
		this.ignoredField = ignoredField;
	}

	public String of(Map<String, ? extends @Nullable Object> fields) {
		MessageDigest digest = md5();
		fields.forEach((name, value) -> {
			if (name.equalsIgnoreCase(ignoredField)) {
				return;
			}
			if (value == null) {
				digest.update(NULL_MARKER);
			}
			else {
				digest.update(value.toString().getBytes(StandardCharsets.UTF_8));
			}
			digest.update(FIELD_SEPARATOR);
		});
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest md5() {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime provides MD5", ex);
		}
	}

}
