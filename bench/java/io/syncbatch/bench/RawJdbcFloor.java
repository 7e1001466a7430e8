package io.syncbatch.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import io.syncbatch.history.ChangeTime;
import io.syncbatch.record.Fingerprint;

/**
 * (a) What plain JDBC does with the same work, as a floor: stream the customer query's
 * rows (Connector/J's row-by-row streaming), fingerprint each with the engine's own
 * {@link Fingerprint}, and upsert a state row for each into a table of the sync database
 * in batches of 1,000 rows. The state row is either the floor's (id, fingerprint) or the
 * engine's own: a copy of {@code sync_prepared}, the narrow row prepare writes, with its
 * indexes.
 */
final class RawJdbcFloor {

	private static final int BATCH = 1_000;

	enum StateRow {

		/** (erp_id, source_hash): the floor the targets are measured against. */
		ID_AND_FINGERPRINT(
				"CREATE TABLE bench_floor_state (erp_id VARCHAR(128) PRIMARY KEY," + " source_hash CHAR(32) NOT NULL)",
				"INSERT INTO bench_floor_state (erp_id, source_hash)"
						+ " VALUES (?, ?) ON DUPLICATE KEY UPDATE source_hash = VALUES(source_hash)"),
		/**
		 * What prepare writes, into a copy of the engine's table; needs the engine's
		 * schema in place.
		 */
		PREPARED_ROW("CREATE TABLE bench_floor_state LIKE sync_prepared", "INSERT INTO bench_floor_state (scope_id,"
				+ " source_key, fingerprint, changed_at, instance_id) VALUES (1, ?, ?, ?, NULL) ON DUPLICATE KEY UPDATE"
				+ " fingerprint = VALUES(fingerprint), changed_at = VALUES(changed_at), instance_id = VALUES(instance_id)");

		private final String create;

		private final String upsert;

		StateRow(String create, String upsert) {
			this.create = create;
			this.upsert = upsert;
		}

	}

	private final BenchErp erp;

	private final String query;

	private final StateRow stateRow;

	RawJdbcFloor(BenchErp erp, String customerQuery, StateRow stateRow) {
		this.erp = erp;
		this.query = customerQuery.replace(":companyId", "2");
		this.stateRow = stateRow;
	}

	/** Returns how many rows it upserted. */
	long run() throws SQLException {
		Fingerprint hasher = new Fingerprint("LastModifiedDateTime");
		try (Connection read = erp.connect(); Connection write = erp.connectSync()) {
			try (Statement ddl = write.createStatement()) {
				ddl.execute("DROP TABLE IF EXISTS bench_floor_state");
				ddl.execute(stateRow.create);
			}
			write.setAutoCommit(false);
			long rows = 0;
			try (Statement select = read.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
					PreparedStatement upsert = write.prepareStatement(stateRow.upsert)) {
				select.setFetchSize(Integer.MIN_VALUE);
				try (ResultSet rs = select.executeQuery(query)) {
					ResultSetMetaData meta = rs.getMetaData();
					while (rs.next()) {
						Map<String, Object> columns = new LinkedHashMap<>();
						for (int i = 1; i <= meta.getColumnCount(); i++) {
							columns.put(meta.getColumnLabel(i), rs.getObject(i));
						}
						upsert.setString(1, rs.getString("CustomerID"));
						upsert.setString(2, hasher.of(columns));
						if (stateRow == StateRow.PREPARED_ROW) {
							upsert.setLong(3,
									ChangeTime.micros(rs.getTimestamp("LastModifiedDateTime").toLocalDateTime()));
						}
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
