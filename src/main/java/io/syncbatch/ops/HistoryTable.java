package io.syncbatch.ops;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.syncbatch.state.SyncRecord;

/** The Sync History form as a plain-text table. */
final class HistoryTable {

    private static final String[] HEADERS = { "ERP ID", "DESCRIPTION", "EXTERNAL ID", "STATUS", "LAST OPERATION",
            "LAST ATTEMPT", "REASON" };

    private HistoryTable() {
    }

    static String render(List<SyncRecord> records, DateTimeFormatter when) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (SyncRecord record : records) {
            rows.add(new String[] { record.erpId(), blank(record.erpDescription()), blank(record.externalId()),
                    record.status().name(), record.lastOperation() == null ? "" : record.lastOperation().name(),
                    record.lastAttemptAt() == null ? "" : when.format(record.lastAttemptAt()),
                    blank(record.lastError()) });
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i < row.length - 1 ? String.format("%-" + widths[i] + "s  ", row[i]) : row[i]);
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String blank(String text) {
        return text == null ? "" : text;
    }
}
