package io.kronforce.task.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FtpsTransferTest {

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static TestCertificate certificate;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificate = TestCertificate.create(shared);
    }

    private final FtpTaskHandler handler =
            new FtpTaskHandler(EgressPolicy.parse("127.0.0.1/32"), Path.of("/nonexistent"));

    @ParameterizedTest
    @ValueSource(strings = {"implicit", "explicit"})
    void roundTripWithAPinnedCertificate(String mode) throws Exception {
        try (FtpTestServer server = FtpTestServer.tls(dir, certificate, mode.equals("implicit"))) {
            byte[] payload = Payloads.binary(200_000, 3);
            Path source = Files.write(dir.resolve("secure.bin"), payload);
            TaskOutcome up =
                    handler.run(task(server, mode, "upload", source, certificate.sha256()), TestTaskContext.plain());
            assertInstanceOf(TaskOutcome.Succeeded.class, up, up::toString);
            assertArrayEquals(payload, Files.readAllBytes(server.home().resolve("secure.bin")));

            Path copy = dir.resolve("secure-copy.bin");
            TaskOutcome down = handler.run(
                    task(server, mode, "download", copy, colons(certificate.sha256())), TestTaskContext.plain());
            assertInstanceOf(TaskOutcome.Succeeded.class, down, down::toString);
            assertArrayEquals(payload, Files.readAllBytes(copy));
        }
    }

    @Test
    void aDifferentPinIsRefused() throws Exception {
        try (FtpTestServer server = FtpTestServer.tls(dir, certificate, true)) {
            String otherPin = "ab".repeat(32);
            TaskOutcome outcome = handler.run(
                    task(server, "implicit", "download", dir.resolve("x"), otherPin), TestTaskContext.plain());
            TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
            assertTrue(failed.reason().contains("does not match tls_certificate_sha256 " + otherPin), failed.reason());
        }
    }

    @Test
    void aSelfSignedCertificateIsNotTrustedWithoutAPin() throws Exception {
        try (FtpTestServer server = FtpTestServer.tls(dir, certificate, false)) {
            TaskOutcome outcome =
                    handler.run(task(server, "explicit", "download", dir.resolve("x"), null), TestTaskContext.plain());
            TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
            assertTrue(failed.reason().contains("PKIX path building failed"), failed.reason());
        }
    }

    private static String colons(String hex) {
        return String.join(":", hex.split("(?<=\\G..)")).toUpperCase(java.util.Locale.ROOT);
    }

    private static FtpTask task(FtpTestServer server, String mode, String direction, Path local, String pin) {
        String remote = "/secure.bin";
        return new FtpTask(
                "ftps",
                direction,
                remote,
                local.toString(),
                "127.0.0.1",
                server.port(),
                FtpTestServer.USER,
                FtpTestServer.PASSWORD,
                null,
                null,
                null,
                null,
                null,
                mode,
                pin,
                null);
    }
}
