package io.syncbatch.erp;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.util.LinkedCaseInsensitiveMap;

import io.syncbatch.definition.SourceQuery;
import io.syncbatch.record.DataRecord;
import io.syncbatch.record.Fingerprint;
import io.syncbatch.record.SourceRecord;
import io.syncbatch.record.Whitespace;

/**
 * Turns a row of the entity's query into a {@link SourceRecord}, fingerprint included.
 */
final class ErpRowMapper implements RowMapper<SourceRecord> {

	private final SourceQuery source;

	private final Fingerprint fingerprint;

	ErpRowMapper(SourceQuery source) {
		this.source = source;
		this.fingerprint = new Fingerprint(source.changeColumn());
	}

	@Override
	public SourceRecord mapRow(ResultSet rs, int rowNum) throws SQLException {
		ResultSetMetaData meta = rs.getMetaData();
		LinkedCaseInsensitiveMap<Object> columns = new LinkedCaseInsensitiveMap<>(meta.getColumnCount());
		for (int i = 1; i <= meta.getColumnCount(); i++) {
			columns.put(meta.getColumnLabel(i), rs.getObject(i));
		}
		Object key = columns.get(source.key());
		if (key == null) {
			throw new SQLException("the ERP query returned a row with no " + source.key() + " (the key column)");
		}
		LocalDateTime changedAt = rs.getObject(source.changeColumn(), LocalDateTime.class);
		Object description = source.description() == null ? null : columns.get(source.description());
		return new SourceRecord(key.toString(), description(description), changedAt, DataRecord.adopt(columns),
				fingerprint.of(columns));
	}

	/** As the history shows it: trimmed, one space for a run of whitespace. */
	private static @Nullable String description(@Nullable Object value) {
		String text = value == null ? "" : Whitespace.collapsed(value.toString());
		return text.isEmpty() ? null : text;
	}

}
