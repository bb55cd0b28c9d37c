package io.kronforce.task.transfer;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.testkit.SilentServer;
import io.kronforce.task.testkit.StopContract;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A server that never answers: cancel and deadline must still end the run promptly and close the connection. */
class TransferStopTest {

    private final FtpTaskHandler handler =
            new FtpTaskHandler(EgressPolicy.parse("127.0.0.1/32"), Path.of("/nonexistent"));

    @ParameterizedTest
    @ValueSource(strings = {"ftp", "ftps", "sftp"})
    void interruptClosesTheConnectionAndEndsTheRun(String protocol) throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            StopContract.interruptEndsTheRunAndClosesTheConnection(
                    silent, ctx -> handler.run(task(protocol, silent), ctx));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp", "sftp"})
    void deadlineEndsTheRunAsAStop(String protocol) throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            StopContract.deadlineEndsTheRun(ctx -> handler.run(task(protocol, silent), ctx));
        }
    }

    private static FtpTask task(String protocol, SilentServer silent) {
        String pin = protocol.equals("sftp") ? "SHA256:" + "A".repeat(43) : null;
        String tlsPin = protocol.equals("ftps") ? "00".repeat(32) : null;
        return new FtpTask(
                protocol,
                "download",
                "/a.bin",
                "/tmp/never-written.bin",
                "127.0.0.1",
                silent.port(),
                "u",
                "pw",
                null,
                null,
                null,
                pin,
                null,
                null,
                tlsPin,
                null);
    }
}
