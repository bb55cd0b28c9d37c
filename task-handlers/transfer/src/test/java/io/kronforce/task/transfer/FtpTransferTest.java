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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FtpTransferTest {

    @TempDir
    Path dir;

    private FtpTestServer server;
    private FtpTaskHandler handler;

    @BeforeEach
    void start() throws Exception {
        server = FtpTestServer.plain(dir);
        handler = new FtpTaskHandler(EgressPolicy.parse("127.0.0.1/32"), dir.resolve("no-known-hosts"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void uploadThenDownloadReturnsTheSameBytes() throws Exception {
        byte[] payload = Payloads.binary(300_000, 1);
        Path source = Files.write(dir.resolve("report.bin"), payload);
        TestTaskContext up = TestTaskContext.plain();
        TaskOutcome uploaded = handler.run(task("upload", "/report.bin", source, FtpTestServer.PASSWORD), up);

        assertEquals(
                new TaskOutcome.Succeeded(
                        0,
                        java.util.Map.of(
                                "bytes",
                                "300000",
                                "local_path",
                                source.toString(),
                                "remote",
                                "ftp://127.0.0.1:" + server.port() + "/report.bin")),
                uploaded);
        assertArrayEquals(payload, Files.readAllBytes(server.home().resolve("report.bin")));
        assertEquals(
                "uploaded " + source + " to ftp://127.0.0.1:" + server.port() + "/report.bin (300000 bytes)\n",
                up.output().stdoutText());

        Path copy = dir.resolve("copy.bin");
        TestTaskContext down = TestTaskContext.plain();
        assertInstanceOf(
                TaskOutcome.Succeeded.class,
                handler.run(task("download", "/report.bin", copy, FtpTestServer.PASSWORD), down));
        assertArrayEquals(payload, Files.readAllBytes(copy));
        assertTrue(
                down.output().stdoutText().startsWith("downloaded ftp://127.0.0.1:"),
                down.output().stdoutText());
    }

    @Test
    void activeModeMovesTheFileToo() throws Exception {
        byte[] payload = Payloads.binary(10_000, 2);
        Files.write(server.home().resolve("active.bin"), payload);
        Path copy = dir.resolve("active-copy.bin");
        FtpTask active = new FtpTask(
                "ftp",
                "download",
                "/active.bin",
                copy.toString(),
                "127.0.0.1",
                server.port(),
                FtpTestServer.USER,
                FtpTestServer.PASSWORD,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false);
        assertInstanceOf(TaskOutcome.Succeeded.class, handler.run(active, TestTaskContext.plain()));
        assertArrayEquals(payload, Files.readAllBytes(copy));
    }

    @Test
    void wrongPasswordFailsClearlyWithoutEchoingIt() throws Exception {
        String wrong = "not-the-password";
        TaskOutcome outcome =
                handler.run(task("download", "/x.bin", dir.resolve("x.bin"), wrong), TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(
                failed.reason().startsWith("ftp transfer failed: login refused for user 'alice' at 127.0.0.1:"),
                failed.reason());
        assertFalse(failed.reason().contains(wrong), failed.reason());
        assertFalse(failed.retryable());
    }

    @Test
    void missingRemoteFileFailsAndLeavesNoLocalFile() throws Exception {
        Path target = dir.resolve("never.bin");
        TaskOutcome outcome =
                handler.run(task("download", "/absent.bin", target, FtpTestServer.PASSWORD), TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(
                failed.reason().startsWith("ftp transfer failed: cannot download /absent.bin: 550"), failed.reason());
        assertFalse(Files.exists(target));
        try (var left = Files.list(dir)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "partial file left behind");
        }
    }

    @Test
    void missingLocalFileFailsWithoutRetry() throws Exception {
        TaskOutcome outcome = handler.run(
                task("upload", "/y.bin", dir.resolve("absent.bin"), FtpTestServer.PASSWORD), TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(failed.reason().contains("absent.bin does not exist"), failed.reason());
        assertFalse(failed.retryable());
    }

    @Test
    void anUploadOfTheHostProcesssEnvironmentIsRefused() throws Exception {
        for (String proc : new String[] {
            "/proc/self/environ", "/proc/" + ProcessHandle.current().pid() + "/environ"
        }) {
            TaskOutcome outcome = handler.run(
                    task("upload", "/env.txt", Path.of(proc), FtpTestServer.PASSWORD), TestTaskContext.plain());
            TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
            assertTrue(failed.reason().contains("under /proc"), failed.reason());
            assertFalse(failed.retryable());
        }
    }

    @Test
    void egressPolicyRefusesLoopbackByDefault() throws Exception {
        FtpTaskHandler strict = new FtpTaskHandler(EgressPolicy.publicOnly(), dir.resolve("no-known-hosts"));
        TaskOutcome outcome = strict.run(
                task("download", "/z.bin", dir.resolve("z.bin"), FtpTestServer.PASSWORD), TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(
                failed.reason().startsWith("ftp transfer refused: host '127.0.0.1' resolves to non-public address"),
                failed.reason());
    }

    private FtpTask task(String direction, String remote, Path local, String password) {
        return new FtpTask(
                "ftp",
                direction,
                remote,
                local.toString(),
                "127.0.0.1",
                server.port(),
                FtpTestServer.USER,
                password,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
