package io.kronforce.controller.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code PRAGMA synchronous} is a per-connection setting: the configured mode must reach the writer
 * and every pooled reader, or some commits would be less durable than the operator asked for.
 */
class SyncModeTest {
    private static final int READERS = 3;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void theModeReachesTheWriterAndEveryReader(SyncMode mode) {
        DatabaseSettings settings =
                new DatabaseSettings(dir.resolve("sync.db"), READERS, Duration.ofSeconds(5), false, mode);
        try (Database db = Database.open(settings)) {
            assertEquals(mode.pragmaValue(), db.write(SyncModeTest::synchronous), "the writer");

            // The pool hands connections out first in, first out: as many reads as readers visit each once.
            Map<Connection, Integer> readers = new IdentityHashMap<>();
            for (int i = 0; i < READERS; i++) {
                db.read(c -> readers.put(c, synchronous(c)));
            }
            assertEquals(READERS, readers.size(), "every reader was looked at");
            assertEquals(Set.of(mode.pragmaValue()), Set.copyOf(readers.values()), "the readers");
        }
    }

    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void aSettingSpellsEachModeByItsLowerCaseName(SyncMode mode) {
        assertEquals(mode, SyncMode.fromSetting(" " + mode.name() + " ").orElseThrow());
        assertEquals(mode, SyncMode.fromSetting(mode.settingName()).orElseThrow());
    }

    @Test
    void theModesReadBackAsSqliteNumbersThemAndSettingsSpellThem() {
        assertEquals(1, SyncMode.NORMAL.pragmaValue());
        assertEquals(2, SyncMode.FULL.pragmaValue());
        assertEquals("normal, full", SyncMode.allowed());
    }

    private static int synchronous(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                var rows = s.executeQuery("PRAGMA synchronous")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
