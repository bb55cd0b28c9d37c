package io.kronforce.worker.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Noticing renewed PEM files, and refusing half-configured mutual TLS at start. */
class ServerFilesWatchTest {
    @TempDir
    Path dir;

    @Test
    void handsOutRenewedMaterialOnceAndNothingForUnchangedMissingOrMismatchedFiles() throws Exception {
        TestCertificates first = TestCertificates.ec(Files.createDirectories(dir.resolve("a")), "s");
        TestCertificates second = TestCertificates.ec(Files.createDirectories(dir.resolve("b")), "s");
        Path cert = Files.copy(first.cert(), dir.resolve("cert.pem"));
        Path key = Files.copy(first.key(), dir.resolve("key.pem"));
        ServerFilesWatch watch = new ServerFilesWatch(new ServerFiles(cert, key, Optional.empty()), "CERT/KEY");
        assertEquals(Optional.empty(), watch.changed());

        Files.copy(second.cert(), cert, StandardCopyOption.REPLACE_EXISTING); // the old key: a mismatch
        assertEquals(Optional.empty(), watch.changed());
        Files.delete(key);
        assertEquals(Optional.empty(), watch.changed());

        Files.copy(second.key(), key);
        ServerMaterial renewed = watch.changed().orElseThrow();
        assertEquals(
                PemFiles.certificates(second.cert())
                        .getFirst()
                        .getSerialNumber()
                        .toString(16),
                renewed.serial());
        assertEquals(Optional.empty(), watch.changed());
    }

    @Test
    void aClientCaWithoutTheServerPairOrUnreadableIsRefusedNamingTheVariable() {
        TestCertificates c = TestCertificates.ec(dir, "c");
        TlsSetupException alone = assertThrows(
                TlsSetupException.class,
                () -> TlsFromEnv.serverFiles(Map.of("CA", c.cert().toString()), "CERT", "KEY", "CA"));
        assertTrue(alone.getMessage().startsWith("CA is set but CERT and KEY are not"), alone.getMessage());
        TlsSetupException missing = assertThrows(
                TlsSetupException.class,
                () -> TlsFromEnv.serverFiles(
                        Map.of(
                                "CERT", c.cert().toString(),
                                "KEY", c.key().toString(),
                                "CA", dir.resolve("none.pem").toString()),
                        "CERT",
                        "KEY",
                        "CA"));
        assertTrue(missing.getMessage().startsWith("CA: cannot read"), missing.getMessage());
    }

    @Test
    void aClientIdentityIsAPairAndFallsBackToTheServerPair() {
        TestCertificates c = TestCertificates.ec(dir, "c");
        TlsSetupException half = assertThrows(
                TlsSetupException.class,
                () -> TlsFromEnv.trust(Map.of("CCERT", c.cert().toString()), "CA", "CCERT", "CKEY", "CERT", "KEY"));
        assertTrue(half.getMessage().startsWith("CKEY is not set but CCERT is"), half.getMessage());
        TlsSetupException mismatched = assertThrows(
                TlsSetupException.class,
                () -> TlsFromEnv.trust(
                        Map.of("CERT", c.cert().toString(), "KEY", c.cert().toString()),
                        "CA",
                        "CCERT",
                        "CKEY",
                        "CERT",
                        "KEY"));
        assertTrue(mismatched.getMessage().startsWith("CERT/KEY: "), mismatched.getMessage());
    }
}
