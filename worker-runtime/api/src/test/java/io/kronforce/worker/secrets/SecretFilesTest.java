package io.kronforce.worker.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
    @TempDir
    Path dir;

    @Test
    void aSecretIsReadFromItsFileWithoutTheTrailingLineBreakAndTheFileNameIsDropped() throws Exception {
        Path key = Files.writeString(dir.resolve("admin"), "kf_from-a-file\n");
        Map<String, String> env = SecretFiles.resolve(
                Map.of("KRONFORCE_BOOTSTRAP_ADMIN_KEY_FILE", key.toString(), "KRONFORCE_DB", "x.db"));
        assertEquals(Map.of("KRONFORCE_BOOTSTRAP_ADMIN_KEY", "kf_from-a-file", "KRONFORCE_DB", "x.db"), env);
        assertEquals(env, SecretFiles.resolve(env)); // resolving twice changes nothing
    }

    @Test
    void everySecretSettingHasAFileTwin() throws Exception {
        Path file = Files.writeString(dir.resolve("s"), "value\r\n");
        for (String name : SecretFiles.SECRETS) {
            assertEquals(
                    "value",
                    SecretFiles.resolve(Map.of(name + "_FILE", file.toString())).get(name),
                    name);
        }
    }

    @Test
    void withoutFileSettingsTheEnvironmentIsUntouched() {
        Map<String, String> env = Map.of("KRONFORCE_ENCRYPTION_KEY", "direct", "KRONFORCE_TLS_KEY", "/pem");
        assertSame(env, SecretFiles.resolve(env));
    }

    @Test
    void settingAVariableAndItsFileIsRefusedNamingBothButNotTheValue() throws Exception {
        Path key = Files.writeString(dir.resolve("enc"), "from-file");
        SecretFiles.Invalid e = assertThrows(
                SecretFiles.Invalid.class,
                () -> SecretFiles.resolve(Map.of(
                        "KRONFORCE_ENCRYPTION_KEY", "direct-secret", "KRONFORCE_ENCRYPTION_KEY_FILE", key.toString())));
        assertTrue(
                e.getMessage().contains("KRONFORCE_ENCRYPTION_KEY and KRONFORCE_ENCRYPTION_KEY_FILE"), e.getMessage());
        assertFalse(e.getMessage().contains("direct-secret") || e.getMessage().contains("from-file"), e.getMessage());
    }

    @Test
    void anUnreadableOrEmptyFileIsRefusedNamingTheVariable() throws Exception {
        SecretFiles.Invalid missing = assertThrows(
                SecretFiles.Invalid.class,
                () -> SecretFiles.resolve(
                        Map.of("KRONFORCE_AGENT_KEY_FILE", dir.resolve("nope").toString())));
        assertTrue(missing.getMessage().startsWith("KRONFORCE_AGENT_KEY_FILE: cannot read"), missing.getMessage());
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        SecretFiles.Invalid blank = assertThrows(
                SecretFiles.Invalid.class,
                () -> SecretFiles.resolve(Map.of("KRONFORCE_AI_API_KEY_FILE", empty.toString())));
        assertTrue(blank.getMessage().contains("KRONFORCE_AI_API_KEY_FILE")
                && blank.getMessage().contains("empty"));
        assertThrows(
                SecretFiles.Invalid.class,
                () -> SecretFiles.resolve(Map.of("KRONFORCE_AGENT_KEY_FILE", dir.toString()))); // a directory
    }
}
