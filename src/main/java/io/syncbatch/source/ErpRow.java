package io.syncbatch.source;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One row of an entity's ERP query.
 *
 * @param columns   every column of the row, looked up case-insensitively (H2 and MySQL label columns differently)
 * @param hash      fingerprint of the row without its change column: equal hashes mean nothing worth syncing changed
 */
public record ErpRow(String key, String description, LocalDateTime changedAt, Map<String, Object> columns,
        String hash) {

    /** The column as trimmed text, or null when it is missing, null or blank. */
    public String text(String column) {
        Object value = columns.get(column);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    public Object value(String column) {
        return columns.get(column);
    }
}
