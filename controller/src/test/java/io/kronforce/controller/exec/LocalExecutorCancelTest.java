package io.kronforce.controller.exec;

import static io.kronforce.controller.exec.RecordingListener.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.ExecutionStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Cancelling at awkward moments still ends as a cancel, never as an internal error. */
class LocalExecutorCancelTest {

    /**
     * Reports a start the way the production listener does: a blocking store write, which gives
     * up when its thread is interrupted. The test decides when the "write" completes.
     */
    private static final class SlowStartListener implements RunListener {
        final RecordingListener recorded = new RecordingListener();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void started(String executionId, long atMs) {
            entered.countDown();
            try {
                if (!release.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for a write", e);
            }
            recorded.started(executionId, atMs);
        }

        @Override
        public void finished(String executionId, RunResult result) {
            recorded.finished(executionId, result);
        }
    }

    private final SlowStartListener listener = new SlowStartListener();
    private final LocalExecutor executor = new LocalExecutor(Runs.registry(), listener, InstantSource.system(), 2);

    @AfterEach
    void stop() {
        executor.shutdown(Duration.ZERO);
    }

    @Test
    void aCancelWhileTheStartIsBeingRecordedEndsAsCancelledByUser() throws Exception {
        LocalRun run = Runs.shell("sleep 30 & wait");
        assertTrue(executor.submit(run));
        assertTrue(listener.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS));

        assertTrue(executor.cancel(run.executionId()));
        listener.release.countDown();
        RunResult r = listener.recorded.awaitResult(run.executionId());

        assertEquals(ExecutionStatus.CANCELLED, r.status());
        assertEquals("job cancelled by user", r.stderr());
    }
}
