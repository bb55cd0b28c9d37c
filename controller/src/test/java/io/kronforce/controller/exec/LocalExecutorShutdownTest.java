package io.kronforce.controller.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Shutdown returns only after every finished run's result was recorded: the controller closes the
 * database right after it, and a result written too late was lost (the run then came back from
 * recovery as failed, "controller stopped while this execution was running").
 */
class LocalExecutorShutdownTest {
    @Test
    void shutdownWaitsForAResultThatIsStillBeingRecorded() throws Exception {
        CountDownLatch recording = new CountDownLatch(1);
        CountDownLatch recorded = new CountDownLatch(1);
        AtomicReference<Thread> stopper = new AtomicReference<>();
        AtomicBoolean shutdownReturned = new AtomicBoolean();
        AtomicBoolean returnedWhileRecording = new AtomicBoolean();
        RunListener listener = new RunListener() {
            @Override
            public void started(String executionId, long atMs) {}

            @Override
            public void finished(String executionId, RunResult result) {
                recording.countDown();
                // Hold the record open until shutdown is either waiting for it or has already returned.
                await().atMost(RecordingListener.WAIT)
                        .until(() -> stopper.get() != null
                                && (stopper.get().getState() == Thread.State.TIMED_WAITING
                                        || stopper.get().getState() == Thread.State.TERMINATED));
                returnedWhileRecording.set(shutdownReturned.get());
                recorded.countDown();
            }
        };
        LocalExecutor executor = new LocalExecutor(Runs.registry(), listener, InstantSource.system(), 1);
        assertTrue(executor.submit(Runs.shell("true")));
        assertTrue(recording.await(RecordingListener.WAIT.toSeconds(), TimeUnit.SECONDS));
        Thread thread = Thread.ofPlatform().unstarted(() -> {
            executor.shutdown(Duration.ofSeconds(20));
            shutdownReturned.set(true);
        });
        stopper.set(thread);
        thread.start();
        thread.join(Duration.ofSeconds(30));
        assertTrue(recorded.await(RecordingListener.WAIT.toSeconds(), TimeUnit.SECONDS), "the record never ended");
        assertTrue(shutdownReturned.get(), "shutdown did not return");
        assertFalse(returnedWhileRecording.get(), "shutdown returned while a result was still being recorded");
    }
}
