package io.kronforce.controller.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaSettingsTest {
    @TempDir
    Path dir;

    private Path bin;
    private Map<String, String> env;

    @BeforeEach
    void fakeBinaryOnDisk() throws Exception {
        bin = dir.resolve("given-litestream");
        Files.writeString(bin, "#!/bin/sh\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
        env = new HashMap<>(
                Map.of("KRONFORCE_REPLICA_URL", "s3://my-bucket/prod/kf/", "KRONFORCE_LITESTREAM_BIN", bin.toString()));
    }

    @Test
    void isAbsentWithoutAReplicaUrl() {
        assertTrue(ReplicaSettings.fromEnv(Map.of(), null).isEmpty());
    }

    @Test
    void readsTheUrlIntoBucketAndAVersionedPath() {
        ReplicaSettings s = ReplicaSettings.fromEnv(env, null).orElseThrow();
        assertEquals("my-bucket", s.bucket());
        assertEquals("prod/kf/v03", s.litestreamPath());
        assertEquals("prod/kf/snapshots/x", s.key("snapshots/x"));
        assertEquals(Duration.ofSeconds(1), s.syncInterval());
        assertEquals("us-east-1", s.region());
        assertFalse(s.pathStyle(), "AWS itself takes virtual-host addressing");
        assertNull(s.keys(), "no keys: the default credential chains apply");
    }

    @Test
    void anEndpointDefaultsToPathStyleAndTheIntervalIsSettable() {
        env.put("KRONFORCE_REPLICA_ENDPOINT", "http://127.0.0.1:9000/");
        env.put("KRONFORCE_REPLICA_SYNC_INTERVAL_MS", "250");
        ReplicaSettings s = ReplicaSettings.fromEnv(env, null).orElseThrow();
        assertEquals("http://127.0.0.1:9000", s.endpoint());
        assertTrue(s.pathStyle());
        assertEquals(Duration.ofMillis(250), s.syncInterval());
    }

    @Test
    void theSecretNeverShowsInTheRecordsText() {
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "very-secret-value");
        ReplicaSettings s = ReplicaSettings.fromEnv(env, null).orElseThrow();
        assertEquals("very-secret-value", s.keys().secretAccessKey());
        assertFalse(s.toString().contains("very-secret-value"), s::toString);
    }

    @Test
    void refusesBadValuesNamingTheVariable() {
        for (var bad : Map.of(
                        "KRONFORCE_REPLICA_URL",
                        "https://bucket/x",
                        "KRONFORCE_REPLICA_ENDPOINT",
                        "localhost:9000",
                        "KRONFORCE_REPLICA_SYNC_INTERVAL_MS",
                        "5",
                        "KRONFORCE_REPLICA_PATH_STYLE",
                        "maybe",
                        "KRONFORCE_LITESTREAM_BIN",
                        dir.resolve("absent").toString())
                .entrySet()) {
            Map<String, String> e = new HashMap<>(env);
            e.put(bad.getKey(), bad.getValue());
            var ex = assertThrows(ReplicaSettings.Invalid.class, () -> ReplicaSettings.fromEnv(e, null));
            assertTrue(ex.getMessage().contains(bad.getKey()), ex::getMessage);
        }
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        var half = assertThrows(ReplicaSettings.Invalid.class, () -> ReplicaSettings.fromEnv(env, null));
        assertTrue(half.getMessage().contains("AWS_SECRET_ACCESS_KEY"), half::getMessage);
    }

    @Test
    void findsTheFetchedBinaryBesideTheJarWhenNoneIsGiven() throws Exception {
        env.remove("KRONFORCE_LITESTREAM_BIN");
        env.put("PATH", dir.resolve("empty").toString());
        var missing =
                assertThrows(ReplicaSettings.Invalid.class, () -> ReplicaSettings.fromEnv(env, dir.resolve("target")));
        assertTrue(missing.getMessage().contains("KRONFORCE_LITESTREAM_BIN"), missing::getMessage);
        Path jar = dir.resolve("target");
        Path fetched = jar.resolve(ReplicaSettings.BESIDE_JAR);
        Files.createDirectories(fetched.getParent());
        Files.copy(bin, fetched);
        assertEquals(fetched, ReplicaSettings.fromEnv(env, jar).orElseThrow().litestream());
    }

    @Test
    void theGeneratedConfigurationHoldsNoSecret() throws Exception {
        env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "very-secret-value");
        env.put("KRONFORCE_REPLICA_ENDPOINT", "http://127.0.0.1:9000");
        ReplicaSettings s = ReplicaSettings.fromEnv(env, null).orElseThrow();
        LitestreamConfig config = LitestreamConfig.write(s, dir.resolve("data/kronforce.db"), 4567);
        String yaml = Files.readString(config.file());
        assertFalse(yaml.contains("very-secret-value") || yaml.contains("AKIDEXAMPLE"), yaml);
        assertTrue(yaml.contains("addr: \"127.0.0.1:4567\""), yaml);
        assertTrue(yaml.contains("path: \"prod/kf/v03\""), yaml);
        assertTrue(yaml.contains("sync-interval: 1000ms"), yaml);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.file())));
        ProcessBuilder replicate = new LitestreamCommand(s, config).replicate();
        assertFalse(String.join(" ", replicate.command()).contains("very-secret-value"));
        assertEquals("very-secret-value", replicate.environment().get("LITESTREAM_SECRET_ACCESS_KEY"));
    }
}
