package io.kronforce.worker.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.testkit.ThrowingHandler;
import io.kronforce.worker.wire.ResultReport;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A handler that throws an Error fails its run; only a fatal one (see Fatal) leaves the host. */
class HandlerErrorsTest {
    private TaskHost host;

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
    }

    private ResultReport runWith(String error) {
        host = new TaskHost(HandlerCatalog.of(List.of(new ThrowingHandler())), InstantSource.system(), 1024);
        HostedRun run = new HostedRun(
                "e-1",
                "j-1",
                1,
                Map.of("type", ThrowingHandler.TYPE, "error", error),
                Optional.empty(),
                Optional.empty());
        return host.run(run, "agent-1");
    }

    @Test
    void aStackOverflowInAHandlerFailsTheRunAndSaysSo() {
        ResultReport r = runWith("stack-overflow");
        assertEquals("failed", r.status());
        assertTrue(r.stderr().contains("task handler error: java.lang.StackOverflowError"), r.stderr());
        assertFalse(host.isRunning("e-1"));
    }

    @Test
    void anAssertionErrorOfAHandlerFailsTheRun() {
        ResultReport r = runWith("boom");
        assertEquals("failed", r.status());
        assertTrue(r.stderr().contains("task handler error: java.lang.AssertionError: boom"), r.stderr());
    }

    @Test
    void anOutOfMemoryErrorIsNotSwallowedAndTheHostForgetsTheRun() {
        assertThrows(OutOfMemoryError.class, () -> runWith("out-of-memory"));
        assertFalse(host.isRunning("e-1"));
    }

    @Test
    void onlyVirtualMachineErrorsOtherThanStackOverflowAreFatal() {
        assertTrue(Fatal.is(new OutOfMemoryError()));
        assertTrue(Fatal.is(new InternalError()));
        assertFalse(Fatal.is(new StackOverflowError()));
        assertFalse(Fatal.is(new NoClassDefFoundError()));
        assertFalse(Fatal.is(new IllegalStateException()));
    }
}
