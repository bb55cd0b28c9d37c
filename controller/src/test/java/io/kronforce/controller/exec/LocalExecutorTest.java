package io.kronforce.controller.exec;

import static io.kronforce.controller.exec.RecordingListener.WAIT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kronforce.controller.domain.ExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outcomes of local runs through the real shell handler: status, exit code, timeout, cancel, limits. */
class LocalExecutorTest {
    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();
    private LocalExecutor executor = new LocalExecutor(Runs.registry(), listener, InstantSource.system(), 4);

    @AfterEach
    void stop() {
        executor.shutdown(Duration.ZERO);
    }

    private RunResult runToEnd(LocalRun run) {
        assertTrue(executor.submit(run));
        return listener.awaitResult(run.executionId());
    }

    @Test
    void findsTheShellAndHttpHandlersThroughServiceLoader() {
        assertTrue(
                Runs.registry().types().containsAll(List.of("shell", "http")),
                Runs.registry().types().toString());
    }

    @Test
    void recordsASuccessfulEchoWithItsOutputAfterStarting() {
        LocalRun run = Runs.shell("echo hi");

        RunResult r = runToEnd(run);

        assertEquals(ExecutionStatus.SUCCEEDED, r.status());
        assertEquals(0, r.exitCode());
        assertEquals("hi\n", r.stdout());
        assertEquals("", r.stderr());
        assertFalse(r.stdoutTruncated());
        assertEquals(List.of("started " + run.executionId(), "finished " + run.executionId()), listener.calls);
        assertTrue(listener.startedAt.get(run.executionId()) <= r.finishedAtMs());
    }

    @Test
    void recordsANonZeroExitAsFailedWithItsCode() {
        RunResult r = runToEnd(Runs.shell("echo boom >&2; exit 3"));

        assertEquals(ExecutionStatus.FAILED, r.status());
        assertEquals(3, r.exitCode());
        assertEquals("boom\n", r.stderr());
    }

    @Test
    void timesOutALongSleepAndKillsItsProcess() {
        RunResult r = runToEnd(Runs.shell("sleep 30 & echo $!; wait", Duration.ofSeconds(1)));

        assertEquals(ExecutionStatus.TIMED_OUT, r.status());
        assertNull(r.exitCode());
        assertEquals("job timed out after 1s", r.stderr());
        long sleepPid = Long.parseLong(r.stdout().trim());
        await().atMost(WAIT)
                .until(() -> ProcessHandle.of(sleepPid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void cancelsARunningJobAsCancelledByUser() {
        LocalRun run = Runs.shell("sleep 30 & echo $!; wait");
        assertTrue(executor.submit(run));
        listener.awaitStarted(run.executionId());

        assertTrue(executor.cancel(run.executionId()));
        RunResult r = listener.awaitResult(run.executionId());

        assertEquals(ExecutionStatus.CANCELLED, r.status());
        assertNull(r.exitCode());
        assertEquals("job cancelled by user", r.stderr());
        assertFalse(executor.cancel(run.executionId()), "no longer running here");
    }

    @Test
    void failsATaskOfATypeWithoutHandler() {
        var task = JsonNodeFactory.instance.objectNode().put("type", "custom");

        RunResult r = runToEnd(Runs.run(task, Optional.empty(), SecretMask.NONE));

        assertEquals(ExecutionStatus.FAILED, r.status());
        assertEquals("no handler for task type 'custom'", r.stderr());
    }

    @Test
    void neverHasMoreThanMaxConcurrentRunsStartedAndNotFinished() {
        // The listener is slow to record a finish, as a store write can be: the next queued run
        // must still wait for the slot until the finished one has been recorded.
        RecordingListener slow = new RecordingListener(Duration.ofMillis(100));
        executor = new LocalExecutor(Runs.registry(), slow, InstantSource.system(), 2);
        List<LocalRun> runs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            runs.add(Runs.shell("sleep 0.5"));
            assertTrue(executor.submit(runs.get(i)));
        }

        runs.forEach(r -> assertEquals(
                ExecutionStatus.SUCCEEDED, slow.awaitResult(r.executionId()).status()));
        assertEquals(2, slow.maxInFlight());
    }

    @Test
    void aRunCancelledWhileWaitingForASlotNeverStarts() throws Exception {
        executor = new LocalExecutor(Runs.registry(), listener, InstantSource.system(), 1);
        Path gate = dir.resolve("go");
        LocalRun first = Runs.shell(Runs.waitFor(gate));
        LocalRun queued = Runs.shell("echo never");
        assertTrue(executor.submit(first));
        listener.awaitStarted(first.executionId());
        assertTrue(executor.submit(queued));

        assertTrue(executor.cancel(queued.executionId()));
        Files.createFile(gate);
        RunResult r = listener.awaitResult(queued.executionId());

        assertEquals(ExecutionStatus.CANCELLED, r.status());
        assertEquals("", r.stdout());
        assertEquals("job cancelled by user", r.stderr());
        assertFalse(listener.startedAt.containsKey(queued.executionId()), "never reported started");
        assertEquals(
                ExecutionStatus.SUCCEEDED,
                listener.awaitResult(first.executionId()).status());
    }

    @Test
    void refusesNewRunsOnceShutDown() {
        executor.shutdown(Duration.ZERO);

        assertFalse(executor.submit(Runs.shell("echo late")));
    }

    @Test
    void letsAShortRunFinishOnShutdownAndCancelsALongOne() throws Exception {
        Path gate = dir.resolve("go");
        LocalRun shortRun = Runs.shell(Runs.waitFor(gate) + "; echo done");
        LocalRun longRun = Runs.shell("sleep 30 & wait");
        assertTrue(executor.submit(shortRun));
        assertTrue(executor.submit(longRun));
        listener.awaitStarted(shortRun.executionId());
        listener.awaitStarted(longRun.executionId());

        Thread stopper = Thread.ofVirtual().start(() -> executor.shutdown(Duration.ofSeconds(2)));
        Files.createFile(gate);
        assertTrue(stopper.join(WAIT));

        RunResult shortResult = listener.results.get(shortRun.executionId());
        RunResult longResult = listener.results.get(longRun.executionId());
        assertEquals(ExecutionStatus.SUCCEEDED, shortResult.status());
        assertEquals("done\n", shortResult.stdout());
        assertEquals(ExecutionStatus.CANCELLED, longResult.status());
        assertTrue(longResult.stderr().contains("controller shutting down"), longResult.stderr());
        assertEquals(0, executor.runningCount());
    }
}
