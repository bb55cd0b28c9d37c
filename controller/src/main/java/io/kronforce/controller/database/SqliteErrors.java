package io.kronforce.controller.database;

import io.kronforce.controller.domain.StoreConflictException;
import io.kronforce.controller.domain.StoreFullException;
import io.kronforce.controller.domain.StoreUnavailableException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Translates SQLite failures into the store's outcomes: conflict, busy, storage full or failed, other. */
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
            String storage = storageFailure(code);
            if (storage != null) {
                return new StoreFullException(storage, e);
            }
        }
        return new StoreException("database failure", e);
    }

    /** Why the storage refused a write ({@code SQLITE_FULL}, {@code SQLITE_IOERR_*}), or null. */
    static String storageFailure(SQLiteErrorCode code) {
        if (code.name().startsWith("SQLITE_FULL")) {
            return "the disk or the database's size limit is full";
        }
        if (code.name().startsWith("SQLITE_IOERR")) {
            return "the disk failed a write (" + code.name() + ")";
        }
        return null;
    }
}
