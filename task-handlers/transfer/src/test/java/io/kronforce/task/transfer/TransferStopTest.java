package io.kronforce.task.transfer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.testkit.BackgroundRun;
import io.kronforce.task.testkit.SilentServer;
import io.kronforce.task.testkit.TestTaskContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A server that never answers: cancel and deadline must still end the run promptly and close the connection. */
class TransferStopTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);

    private final FtpTaskHandler handler = new FtpTaskHandler(EgressPolicy.parse("127.0.0.1/32"), Path.of("/nonexistent"));
    private SilentServer silent;

    @BeforeEach
    void start() throws Exception {
        silent = SilentServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        silent.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp", "ftps", "sftp"})
    void interruptClosesTheConnectionAndEndsTheRun(String protocol) throws Exception {
        BackgroundRun run = BackgroundRun.start(() -> handler.run(task(protocol), TestTaskContext.plain()));
        await().atMost(GENEROUS).until(() -> silent.connections() == 1);
        run.interrupt();
        assertTrue(run.finishes(GENEROUS), "run did not stop after the interrupt");
        assertInstanceOf(InterruptedException.class, run.result());
        await().atMost(GENEROUS).until(silent::allClosedByClient);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp", "sftp"})
    void deadlineEndsTheRunAsAStop(String protocol) {
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(500));
        assertTimeoutPreemptively(GENEROUS, () -> assertThrows(InterruptedException.class, () -> handler.run(task(protocol), ctx)));
    }

    private FtpTask task(String protocol) {
        String pin = protocol.equals("sftp") ? "SHA256:" + "A".repeat(43) : null;
        String tlsPin = protocol.equals("ftps") ? "00".repeat(32) : null;
        return new FtpTask(protocol, "download", "/a.bin", "/tmp/never-written.bin", "127.0.0.1", silent.port(), "u", "pw",
                null, null, null, pin, null, null, tlsPin, null);
    }
}
