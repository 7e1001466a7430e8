package io.syncbatch.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Fingerprints a source row so that prepare can tell a changed record from one whose change column merely
 * moved. MD5 is used as a fast checksum, not for security: a collision would only skip one re-sync.
 */
public final class RowHasher {

    private static final byte FIELD_SEPARATOR = 0x1f;
    private static final byte NULL_MARKER = 0x00;

    private final String ignoredColumn;

    public RowHasher(String ignoredColumn) {
        this.ignoredColumn = ignoredColumn;
    }

    public String hash(Map<String, Object> columns) {
        MessageDigest digest = md5();
        columns.forEach((name, value) -> {
            if (name.equalsIgnoreCase(ignoredColumn)) {
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
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
    }
}
