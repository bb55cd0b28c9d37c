package io.kronforce.controller.database;

import io.kronforce.controller.domain.StoreConflictException;
import io.kronforce.controller.domain.StoreUnavailableException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Translates SQLite failures into the store's three outcomes. */
final class SqliteErrors {
    private SqliteErrors() {}

    static RuntimeException translate(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            if (code.name().startsWith("SQLITE_CONSTRAINT")) {
                return new StoreConflictException("constraint violated", e);
            }
            if (code.name().startsWith("SQLITE_BUSY") || code.name().startsWith("SQLITE_LOCKED")) {
                return new StoreUnavailableException("database busy", e);
            }
        }
        return new StoreException("database failure", e);
    }
}
