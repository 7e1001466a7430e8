package io.syncbatch.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import io.syncbatch.source.RowHasher;

/**
 * (a) What plain JDBC does with the same work, as a floor: stream the customer query's rows (Connector/J's
 * row-by-row streaming), fingerprint each with the engine's own {@link RowHasher}, and upsert (id, fingerprint)
 * into a state table of the sync database in batches of 1,000 rows.
 */
final class RawJdbcFloor {

    private static final int BATCH = 1_000;

    private final BenchErp erp;
    private final String query;

    RawJdbcFloor(BenchErp erp, String customerQuery) {
        this.erp = erp;
        this.query = customerQuery.replace(":companyId", "2");
    }

    /** Returns how many rows it upserted. */
    long run() throws SQLException {
        RowHasher hasher = new RowHasher("LastModifiedDateTime");
        try (Connection read = erp.connect(); Connection write = erp.connectSync()) {
            try (Statement ddl = write.createStatement()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS bench_floor_state (erp_id VARCHAR(128) PRIMARY KEY,"
                        + " source_hash CHAR(32) NOT NULL)");
            }
            write.setAutoCommit(false);
            long rows = 0;
            try (Statement select = read.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                    PreparedStatement upsert = write.prepareStatement("INSERT INTO bench_floor_state"
                            + " (erp_id, source_hash) VALUES (?, ?) ON DUPLICATE KEY UPDATE"
                            + " source_hash = VALUES(source_hash)")) {
                select.setFetchSize(Integer.MIN_VALUE);
                try (ResultSet rs = select.executeQuery(query)) {
                    ResultSetMetaData meta = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> columns = new LinkedHashMap<>();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            columns.put(meta.getColumnLabel(i), rs.getObject(i));
                        }
                        upsert.setString(1, rs.getString("CustomerID"));
                        upsert.setString(2, hasher.hash(columns));
                        upsert.addBatch();
                        if (++rows % BATCH == 0) {
                            upsert.executeBatch();
                            write.commit();
                        }
                    }
                }
                upsert.executeBatch();
                write.commit();
            }
            try (Statement ddl = write.createStatement()) {
                // Flyway wants the engine's sync database to itself.
                ddl.execute("DROP TABLE bench_floor_state");
            }
            return rows;
        }
    }
}
