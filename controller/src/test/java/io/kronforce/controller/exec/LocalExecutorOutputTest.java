package io.kronforce.controller.exec;

import static io.kronforce.controller.exec.RecordingListener.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.ExecutionStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a local run's output looks like: capped, masked, and streamed live. */
class LocalExecutorOutputTest {
    private static final int CAP = 1000;

    @TempDir
    Path dir;

    private final RecordingListener listener = new RecordingListener();
    private final LocalExecutor executor = new LocalExecutor(Runs.registry(), listener, InstantSource.system(), 4, CAP);

    @AfterEach
    void stop() {
        executor.shutdown(Duration.ZERO);
    }

    @Test
    void keepsTheTailOfOutputOverTheCapAndFlagsIt() {
        LocalRun run = Runs.shell("head -c 5000 /dev/zero | tr '\\0' a; printf END");
        executor.submit(run);

        RunResult r = listener.awaitResult(run.executionId());

        String kept = "a".repeat(CAP - 3) + "END";
        assertEquals("[...truncated 4003 bytes...]\n" + kept, r.stdout());
        assertTrue(r.stdoutTruncated());
        assertFalse(r.stderrTruncated());
    }

    @Test
    void countsTheCapInUtf8BytesAndNeverSplitsACharacter() {
        // 1000 two-byte characters (é as octal escapes, so the command line stays ASCII): 2000 bytes.
        LocalRun run = Runs.shell("i=0; while [ $i -lt 1000 ]; do printf '\\303\\251'; i=$((i+1)); done");
        executor.submit(run);

        RunResult r = listener.awaitResult(run.executionId());

        assertEquals("[...truncated 1000 bytes...]\n" + "\u00e9".repeat(CAP / 2), r.stdout());
        assertTrue(r.stdoutTruncated());
    }

    @Test
    void hidesASecretInCapturedAndLiveOutput() throws Exception {
        String secret = "hunter2-very-secret";
        Path gate = dir.resolve("go");
        LocalRun run = Runs.run(
                Runs.shellTask("echo early " + secret + "; " + Runs.waitFor(gate) + "; echo late " + secret + " >&2"),
                Optional.empty(),
                new SecretMask(List.of(secret)));
        executor.submit(run);
        listener.awaitStarted(run.executionId());
        LiveOutput.Viewer viewer =
                executor.live(run.executionId()).orElseThrow().subscribe();
        // stdout and stderr are separate pipes: only waiting for the first line orders them.
        assertEquals("early " + SecretMask.MASK, nextLine(viewer));
        Files.createFile(gate);

        RunResult r = listener.awaitResult(run.executionId());

        assertEquals(ExecutionStatus.SUCCEEDED, r.status());
        assertEquals("early " + SecretMask.MASK + "\n", r.stdout());
        assertEquals("late " + SecretMask.MASK + "\n", r.stderr());
        assertEquals(List.of("[stderr] late " + SecretMask.MASK), rest(viewer));
    }

    @Test
    void sendsALateSubscriberTheBacklogThenLiveLinesAndEndsOnce() throws Exception {
        Path gate = dir.resolve("go");
        LocalRun run = Runs.shell("echo one; echo two >&2; " + Runs.waitFor(gate) + "; echo three; printf four");
        executor.submit(run);
        listener.awaitStarted(run.executionId());
        LiveOutput live = executor.live(run.executionId()).orElseThrow();
        LiveOutput.Viewer probe = live.subscribe();
        List<String> first = List.of(nextLine(probe), nextLine(probe));
        assertTrue(first.containsAll(List.of("one", "[stderr] two")), first.toString());

        LiveOutput.Viewer late = live.subscribe();
        assertEquals(first, List.of(nextLine(late), nextLine(late)), "backlog replayed in order");
        Files.createFile(gate);
        listener.awaitResult(run.executionId());

        assertEquals(List.of("three", "four"), rest(late), "live lines; unterminated tail flushed; then the end");
        List<String> afterEnd = rest(live.subscribe());
        assertEquals(4, afterEnd.size(), "a viewer after the end gets the backlog, then the end at once");
        assertTrue(afterEnd.containsAll(List.of("one", "[stderr] two", "three", "four")), afterEnd.toString());
    }

    @Test
    void unsubscribedViewerGetsNoMoreLines() throws Exception {
        Path gate = dir.resolve("go");
        LocalRun run = Runs.shell("echo before; " + Runs.waitFor(gate) + "; echo after");
        executor.submit(run);
        listener.awaitStarted(run.executionId());
        LiveOutput live = executor.live(run.executionId()).orElseThrow();
        LiveOutput.Viewer viewer = live.subscribe();
        assertEquals("before", nextLine(viewer));

        live.unsubscribe(viewer);
        Files.createFile(gate);
        listener.awaitResult(run.executionId());

        assertEquals(null, viewer.next(java.time.Duration.ofMillis(200)), "no line and no end after unsubscribing");
    }

    private static String nextLine(LiveOutput.Viewer viewer) throws Exception {
        String line = viewer.next(WAIT);
        assertTrue(line != null, "no line within " + WAIT);
        return line;
    }

    /** Every remaining line until the end of the output; fails if the end does not come in time. */
    private static List<String> rest(LiveOutput.Viewer viewer) throws Exception {
        List<String> lines = new java.util.ArrayList<>();
        long until = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < until) {
            try {
                String line = viewer.next(java.time.Duration.ofMillis(100));
                if (line != null) {
                    lines.add(line);
                }
            } catch (LiveOutput.EndOfOutput end) {
                return lines;
            }
        }
        throw new AssertionError("output did not end within " + WAIT + "; got " + lines);
    }
}
