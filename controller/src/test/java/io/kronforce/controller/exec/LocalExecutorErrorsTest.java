package io.kronforce.controller.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.task.testkit.ThrowingHandler;
import io.kronforce.worker.host.HandlerCatalog;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A task handler that throws an Error — not an exception — fails its run with the reason, and the
 * executor's slot comes back for the next run.
 */
class LocalExecutorErrorsTest {
    private final RecordingListener listener = new RecordingListener();
    private final LocalExecutor executor =
            new LocalExecutor(HandlerCatalog.of(List.of(new ThrowingHandler())), listener, InstantSource.system(), 1);

    @AfterEach
    void stop() {
        executor.shutdown(Duration.ZERO);
    }

    private RunResult runToEnd(String error) {
        LocalRun run = Runs.run(
                JsonNodeFactory.instance
                        .objectNode()
                        .put("type", ThrowingHandler.TYPE)
                        .put("error", error),
                Optional.empty(),
                SecretMask.NONE);
        assertTrue(executor.submit(run));
        return listener.awaitResult(run.executionId());
    }

    @Test
    void anErrorThrownInsideATaskHandlerFailsTheRunWithTheReason() {
        RunResult r = runToEnd("stack-overflow");
        assertEquals(ExecutionStatus.FAILED, r.status());
        assertTrue(r.stderr().contains("task handler error: java.lang.StackOverflowError"), r.stderr());

        // One slot only: the next run gets it, so the failed one gave it back.
        RunResult next = runToEnd("linkage");
        assertEquals(ExecutionStatus.FAILED, next.status());
        assertTrue(
                next.stderr().contains("task handler error: java.lang.NoClassDefFoundError: io/example/Missing"),
                next.stderr());
        RunResult assertion = runToEnd("broken invariant");
        assertTrue(assertion.stderr().contains("java.lang.AssertionError: broken invariant"), assertion.stderr());
        assertEquals(0, executor.runningCount());
    }
}
