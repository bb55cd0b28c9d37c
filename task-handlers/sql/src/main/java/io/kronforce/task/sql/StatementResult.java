package io.kronforce.task.sql;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** What one statement of a task produced: rows, or a count of rows changed. */
sealed interface StatementResult {

    /**
     * A result set, read up to the row cap.
     *
     * @param columns column labels in order
     * @param numeric per column, whether its values are numbers (right-aligned in tables, bare in JSON)
     * @param rows values as read: {@code null}, {@link Number}, {@link Boolean} or {@link String}
     * @param truncated whether the database had more rows than were read
     */
    record Rows(List<String> columns, List<Boolean> numeric, List<List<Object>> rows, boolean truncated)
            implements StatementResult {

        /** Reads at most {@code maxRows} rows and notes whether another one was there. */
        static Rows read(ResultSet rs, int maxRows) throws SQLException {
            ResultSetMetaData meta = rs.getMetaData();
            int count = meta.getColumnCount();
            List<String> columns = new ArrayList<>(count);
            List<Boolean> numeric = new ArrayList<>(count);
            for (int c = 1; c <= count; c++) {
                columns.add(meta.getColumnLabel(c));
                numeric.add(isNumeric(meta.getColumnType(c)));
            }
            List<List<Object>> rows = new ArrayList<>();
            boolean more = false;
            while (rs.next()) {
                if (rows.size() == maxRows) {
                    more = true;
                    break;
                }
                List<Object> row = new ArrayList<>(count);
                for (int c = 1; c <= count; c++) {
                    row.add(value(rs.getObject(c)));
                }
                rows.add(row);
            }
            return new Rows(List.copyOf(columns), List.copyOf(numeric), rows, more);
        }

        private static boolean isNumeric(int sqlType) {
            return switch (sqlType) {
                case Types.TINYINT,
                        Types.SMALLINT,
                        Types.INTEGER,
                        Types.BIGINT,
                        Types.REAL,
                        Types.FLOAT,
                        Types.DOUBLE,
                        Types.NUMERIC,
                        Types.DECIMAL -> true;
                default -> false;
            };
        }

        /** Plain values only, so rendering never calls back into the driver. */
        private static Object value(Object raw) {
            return switch (raw) {
                case null -> null;
                case Boolean b -> b;
                case BigDecimal d -> d;
                case Double d when d.isNaN() || d.isInfinite() -> d.toString();
                case Float f when f.isNaN() || f.isInfinite() -> f.toString();
                case Number n -> n;
                // psql's bytea output form
                case byte[] bytes -> "\\x" + HexFormat.of().formatHex(bytes);
                default -> raw.toString();
            };
        }
    }

    /** A statement that changed rows (or DDL, which drivers report as 0). */
    record UpdateCount(long count) implements StatementResult {}
}
