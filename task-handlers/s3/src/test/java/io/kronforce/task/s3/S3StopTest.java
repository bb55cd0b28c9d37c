package io.kronforce.task.s3;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.testkit.SilentServer;
import io.kronforce.task.testkit.StopContract;
import org.junit.jupiter.api.Test;

/** An endpoint that accepts and never answers: cancel and deadline must still end the run promptly. */
class S3StopTest {

    private final S3TaskHandler handler = new S3TaskHandler(new HandlerSettings(EgressPolicy.parse("127.0.0.1/32")));

    @Test
    void interruptClosesTheConnectionAndEndsTheRun() throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            StopContract.interruptEndsTheRunAndClosesTheConnection(silent, ctx -> handler.run(task(silent), ctx));
        }
    }

    @Test
    void deadlineEndsTheRunAsAStop() throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            StopContract.deadlineEndsTheRun(ctx -> handler.run(task(silent), ctx));
        }
    }

    private static S3Task task(SilentServer silent) {
        return new S3Task(
                "get",
                "b",
                "k",
                null,
                null,
                null,
                null,
                "http://127.0.0.1:" + silent.port(),
                null,
                null,
                "AKID",
                "secret",
                null,
                null,
                null);
    }
}
