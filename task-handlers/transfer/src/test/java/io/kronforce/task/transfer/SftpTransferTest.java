package io.kronforce.task.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftpTransferTest {

    @TempDir
    Path dir;

    private SftpTestServer server;
    private FtpTaskHandler handler;

    @BeforeEach
    void start() throws Exception {
        server = new SftpTestServer(dir);
        handler = new FtpTaskHandler(EgressPolicy.parse("127.0.0.1/32"), dir.resolve("default-known-hosts"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void passwordUploadThenDownloadReturnsTheSameBytes() throws Exception {
        byte[] payload = Payloads.binary(400_000, 4);
        Path source = Files.write(dir.resolve("data.bin"), payload);
        TestTaskContext up = TestTaskContext.plain();
        TaskOutcome uploaded = handler.run(
                task("upload", source, SftpTestServer.PASSWORD, null, server.hostKeyFingerprint(), null), up);
        assertInstanceOf(TaskOutcome.Succeeded.class, uploaded, uploaded::toString);
        assertArrayEquals(payload, Files.readAllBytes(server.home().resolve("data.bin")));
        assertEquals(
                "uploaded " + source + " to sftp://127.0.0.1:" + server.port() + "/data.bin (400000 bytes)\n",
                up.output().stdoutText());

        Path copy = dir.resolve("copy.bin");
        TaskOutcome downloaded = handler.run(
                task("download", copy, SftpTestServer.PASSWORD, null, server.hostKeyFingerprint(), null),
                TestTaskContext.plain());
        assertInstanceOf(TaskOutcome.Succeeded.class, downloaded, downloaded::toString);
        assertArrayEquals(payload, Files.readAllBytes(copy));
    }

    @Test
    void publicKeyAuthWithTheHostInKnownHosts() throws Exception {
        byte[] payload = Payloads.binary(50_000, 5);
        Files.write(server.home().resolve("data.bin"), payload);
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), "# ours\n" + server.knownHostsLine() + "\n");
        Path copy = dir.resolve("by-key.bin");
        FtpTask byKey = new FtpTask(
                "sftp",
                "download",
                "/data.bin",
                copy.toString(),
                "127.0.0.1",
                server.port(),
                SftpTestServer.USER,
                null,
                null,
                server.userKey(),
                null,
                null,
                knownHosts.toString(),
                null,
                null,
                null);
        TaskOutcome outcome = handler.run(byKey, TestTaskContext.plain());
        assertInstanceOf(TaskOutcome.Succeeded.class, outcome, outcome::toString);
        assertArrayEquals(payload, Files.readAllBytes(copy));
    }

    @Test
    void anEncryptedKeyLogsInWithItsPassphrase() throws Exception {
        Files.write(server.home().resolve("data.bin"), new byte[] {9, 8, 7});
        Path copy = dir.resolve("encrypted-key.bin");
        FtpTask task = new FtpTask(
                "sftp",
                "download",
                "/data.bin",
                copy.toString(),
                "127.0.0.1",
                server.port(),
                SftpTestServer.USER,
                null,
                null,
                server.userKey("open sesame"),
                "open sesame",
                server.hostKeyFingerprint(),
                null,
                null,
                null,
                null);
        TaskOutcome outcome = handler.run(task, TestTaskContext.plain());
        assertInstanceOf(TaskOutcome.Succeeded.class, outcome, outcome::toString);
        assertArrayEquals(new byte[] {9, 8, 7}, Files.readAllBytes(copy));
    }

    @Test
    void aWrongPassphraseFailsWithoutEchoingIt() throws Exception {
        FtpTask task = new FtpTask(
                "sftp",
                "download",
                "/data.bin",
                dir.resolve("x").toString(),
                "127.0.0.1",
                server.port(),
                SftpTestServer.USER,
                null,
                null,
                server.userKey("open sesame"),
                "close sesame",
                server.hostKeyFingerprint(),
                null,
                null,
                null,
                null);
        TaskOutcome.Failed failed =
                assertInstanceOf(TaskOutcome.Failed.class, handler.run(task, TestTaskContext.plain()));
        assertTrue(
                failed.reason()
                        .startsWith("invalid ftp task: /private_key private_key is not a readable OpenSSH or PEM"
                                + " private key or the passphrase is wrong"),
                failed.reason());
        assertFalse(failed.reason().contains("close sesame") || failed.reason().contains("BEGIN"), failed.reason());
    }

    @Test
    void wrongPasswordFailsClearlyWithoutEchoingIt() throws Exception {
        String wrong = "guessing-games";
        TaskOutcome outcome = handler.run(
                task("download", dir.resolve("x"), wrong, null, server.hostKeyFingerprint(), null),
                TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertEquals(
                "ftp transfer failed: authentication refused for user 'bob' at 127.0.0.1:" + server.port()
                        + " (tried password)",
                failed.reason());
        assertFalse(failed.retryable());
    }

    @Test
    void unknownHostKeyIsRefusedBeforeAnyCredentialIsSent() throws Exception {
        Path source = Files.write(dir.resolve("data.bin"), new byte[] {1, 2, 3});
        TaskOutcome outcome =
                handler.run(task("upload", source, SftpTestServer.PASSWORD, null, null, null), TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertEquals(
                "ftp transfer failed: host key " + server.hostKeyFingerprint() + " of 127.0.0.1:" + server.port()
                        + " is not trusted (pin it with host_key_fingerprint or add it to known_hosts): "
                        + dir.resolve("default-known-hosts") + " does not exist",
                failed.reason());
        assertFalse(failed.retryable());
        assertFalse(Files.exists(server.home().resolve("data.bin")));
    }

    @Test
    void aDifferentPinnedFingerprintIsRefused() throws Exception {
        String other = KeyUtils.getFingerPrint(
                KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256).getPublic());
        TaskOutcome outcome = handler.run(
                task("download", dir.resolve("x"), SftpTestServer.PASSWORD, null, other, null),
                TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(
                failed.reason()
                        .endsWith(
                                "is " + server.hostKeyFingerprint() + ", not the pinned host_key_fingerprint " + other),
                failed.reason());
    }

    @Test
    void aChangedHostKeyIsCalledOut() throws Exception {
        String stale = "[127.0.0.1]:" + server.port() + " "
                + PublicKeyEntry.toString(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256)
                        .getPublic());
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), stale + "\n");
        TaskOutcome outcome = handler.run(
                task("download", dir.resolve("x"), SftpTestServer.PASSWORD, null, null, knownHosts),
                TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(
                failed.reason().contains("has changed: the server presents " + server.hostKeyFingerprint()),
                failed.reason());
    }

    @Test
    void missingRemoteFileFailsWithoutRetry() throws Exception {
        TaskOutcome outcome = handler.run(
                task("download", dir.resolve("x"), SftpTestServer.PASSWORD, null, server.hostKeyFingerprint(), null),
                TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(failed.reason().startsWith("ftp transfer failed: cannot download /data.bin: "), failed.reason());
        assertFalse(failed.retryable());
    }

    private FtpTask task(String direction, Path local, String password, String key, String pin, Path knownHosts) {
        return new FtpTask(
                "sftp",
                direction,
                "/data.bin",
                local.toString(),
                "127.0.0.1",
                server.port(),
                SftpTestServer.USER,
                password,
                null,
                key,
                null,
                pin,
                knownHosts == null ? null : knownHosts.toString(),
                null,
                null,
                null);
    }
}
