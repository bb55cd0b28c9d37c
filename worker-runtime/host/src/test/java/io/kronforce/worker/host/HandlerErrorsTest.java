package io.kronforce.worker.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import io.kronforce.worker.wire.ResultReport;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A handler that throws an Error fails its run; only a fatal one (see Fatal) leaves the host. */
class HandlerErrorsTest {
    /** A test handler that throws what it was built with. */
    record Throwing(Supplier<Throwable> what) implements TaskHandler<Throwing.Config> {
        record Config(String type) {}

        @Override
        public String type() {
            return "throwing";
        }

        @Override
        public Class<Config> configType() {
            return Config.class;
        }

        @Override
        public TaskOutcome run(Config config, TaskContext ctx) {
            Throwable t = what.get();
            if (t instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) t;
        }
    }

    private TaskHost host;

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
    }

    private ResultReport runWith(Supplier<Throwable> what) {
        host = new TaskHost(HandlerCatalog.of(List.of(new Throwing(what))), InstantSource.system(), 1024);
        HostedRun run = new HostedRun("e-1", "j-1", 1, Map.of("type", "throwing"), Optional.empty(), Optional.empty());
        return host.run(run, "agent-1");
    }

    @Test
    void aStackOverflowInAHandlerFailsTheRunAndSaysSo() {
        ResultReport r = runWith(StackOverflowError::new);
        assertEquals("failed", r.status());
        assertTrue(r.stderr().contains("task handler error: java.lang.StackOverflowError"), r.stderr());
        assertFalse(host.isRunning("e-1"));
    }

    @Test
    void anAssertionErrorOfAHandlerFailsTheRun() {
        ResultReport r = runWith(() -> new AssertionError("boom"));
        assertEquals("failed", r.status());
        assertTrue(r.stderr().contains("task handler error: java.lang.AssertionError: boom"), r.stderr());
    }

    @Test
    void anOutOfMemoryErrorIsNotSwallowedAndTheHostForgetsTheRun() {
        assertThrows(OutOfMemoryError.class, () -> runWith(() -> new OutOfMemoryError("test")));
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
