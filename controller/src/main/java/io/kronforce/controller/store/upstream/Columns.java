package io.kronforce.controller.store.upstream;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One row of a {@code SELECT *} over an upstream table, read by column name. Upstream added columns
 * over its migrations, so a column an older file lacks reads as null rather than failing.
 */
final class Columns {
    private final ResultSet rs;
    private final Set<String> present = new HashSet<>();

    Columns(ResultSet rs) throws SQLException {
        this.rs = rs;
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            present.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
        }
    }

    String text(String column) throws SQLException {
        return present.contains(column) ? rs.getString(column) : null;
    }

    Integer integer(String column) throws SQLException {
        if (!present.contains(column)) {
            return null;
        }
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    Double real(String column) throws SQLException {
        if (!present.contains(column)) {
            return null;
        }
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** SQLite's 0/1 flags; null when the column is absent or null. */
    Boolean flag(String column) throws SQLException {
        Integer value = integer(column);
        return value == null ? null : value != 0;
    }

    boolean flag(String column, boolean fallback) throws SQLException {
        Boolean value = flag(column);
        return value == null ? fallback : value;
    }
}
