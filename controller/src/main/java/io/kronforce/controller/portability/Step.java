package io.kronforce.controller.portability;

import java.sql.Connection;
import java.sql.SQLException;

/** One planned item of an import and its write (nothing for an item skipped or refused). */
record Step(ImportItem item, Write write) {
    /** A write in the import's one transaction. */
    @FunctionalInterface
    interface Write {
        void apply(Connection c) throws SQLException;
    }

    /** An item that writes nothing. */
    static Step only(ImportItem item) {
        return new Step(item, c -> {});
    }
}
