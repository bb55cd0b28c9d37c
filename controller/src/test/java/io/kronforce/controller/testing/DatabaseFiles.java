package io.kronforce.controller.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/** Checks on the bytes of a test controller's database files: the main file, its WAL and shared memory. */
public final class DatabaseFiles {
    private DatabaseFiles() {}

    /** No database file holds {@code plaintext}, as bytes or hex-encoded. */
    public static void assertNoneHolds(TestController tc, String plaintext) throws IOException {
        byte[] needle = plaintext.getBytes(StandardCharsets.UTF_8);
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path file = Path.of(tc.dbFile() + suffix);
            if (Files.exists(file)) {
                byte[] hay = Files.readAllBytes(file);
                assertFalse(contains(hay, needle), () -> file + " holds the secret in clear");
                String hex = HexFormat.of().formatHex(needle);
                assertFalse(HexFormat.of().formatHex(hay).contains(hex));
            }
        }
        assertTrue(Files.size(tc.dbFile()) > 0);
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
