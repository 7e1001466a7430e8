package io.syncbatch.source;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Map;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.util.LinkedCaseInsensitiveMap;

import io.syncbatch.definition.SourceQuery;

/** Turns a row of the entity's query into an {@link ErpRow}, fingerprint included. */
final class ErpRowMapper implements RowMapper<ErpRow> {

    private final SourceQuery source;
    private final RowHasher hasher;

    ErpRowMapper(SourceQuery source) {
        this.source = source;
        this.hasher = new RowHasher(source.changeColumn());
    }

    @Override
    public ErpRow mapRow(ResultSet rs, int rowNum) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> columns = new LinkedCaseInsensitiveMap<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.put(meta.getColumnLabel(i), rs.getObject(i));
        }
        Object key = columns.get(source.key());
        if (key == null) {
            throw new SQLException("the ERP query returned a row with no " + source.key() + " (the key column)");
        }
        LocalDateTime changedAt = rs.getObject(source.changeColumn(), LocalDateTime.class);
        Object description = source.description() == null ? null : columns.get(source.description());
        return new ErpRow(key.toString(), description == null ? null : description.toString(), changedAt, columns,
                hasher.hash(columns));
    }
}
