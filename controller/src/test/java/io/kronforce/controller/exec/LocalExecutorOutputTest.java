package io.kronforce.controller.exec;

import static io.kronforce.controller.exec.RecordingListener.WAIT;
import static org.awaitility.Awaitility.await;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
    void keeps_the_tail_of_output_over_the_cap_and_flags_it() {
        LocalRun run = Runs.shell("head -c 5000 /dev/zero | tr '\\0' a; printf END");
        executor.submit(run);

        RunResult r = listener.awaitResult(run.executionId());

        String kept = "a".repeat(CAP - 3) + "END";
        assertEquals("[...truncated 4003 bytes...]\n" + kept, r.stdout());
        assertTrue(r.stdoutTruncated());
        assertFalse(r.stderrTruncated());
    }

    @Test
    void hides_a_secret_in_captured_and_live_output() throws Exception {
        String secret = "hunter2-very-secret";
        Path gate = dir.resolve("go");
        LocalRun run = Runs.run(Runs.shellTask("echo early " + secret + "; " + Runs.waitFor(gate)
                + "; echo late " + secret + " >&2"), Optional.empty(), new SecretMask(List.of(secret)));
        executor.submit(run);
        listener.awaitStarted(run.executionId());
        LiveOutput live = executor.live(run.executionId()).orElseThrow();
        List<String> lines = new CopyOnWriteArrayList<>();
        live.subscribe(lines::add, () -> { });
        // stdout and stderr are separate pipes: only waiting for the first line orders them.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> lines.contains("early " + SecretMask.MASK));
        Files.createFile(gate);

        RunResult r = listener.awaitResult(run.executionId());

        assertEquals(ExecutionStatus.SUCCEEDED, r.status());
        assertEquals("early " + SecretMask.MASK + "\n", r.stdout());
        assertEquals("late " + SecretMask.MASK + "\n", r.stderr());
        assertEquals(List.of("early " + SecretMask.MASK, "[stderr] late " + SecretMask.MASK), lines);
    }

    @Test
    void sends_a_late_subscriber_the_backlog_then_live_lines_and_ends_once() throws Exception {
        Path gate = dir.resolve("go");
        LocalRun run = Runs.shell("echo one; echo two >&2; " + Runs.waitFor(gate) + "; echo three; printf four");
        executor.submit(run);
        listener.awaitStarted(run.executionId());
        LiveOutput live = executor.live(run.executionId()).orElseThrow();
        List<String> probe = new CopyOnWriteArrayList<>();
        live.subscribe(probe::add, () -> { });
        await().atMost(WAIT).until(() -> probe.size() == 2);

        List<String> lines = new CopyOnWriteArrayList<>();
        AtomicInteger done = new AtomicInteger();
        live.subscribe(lines::add, done::incrementAndGet);
        assertEquals(2, lines.size(), "backlog replayed at once");
        assertTrue(lines.containsAll(List.of("one", "[stderr] two")), lines.toString());
        Files.createFile(gate);
        listener.awaitResult(run.executionId());

        assertEquals(List.of("three", "four"), lines.subList(2, lines.size()), "live lines; unterminated tail flushed");
        assertEquals(1, done.get());
        AtomicInteger lateDone = new AtomicInteger();
        live.subscribe(l -> { }, lateDone::incrementAndGet);
        assertEquals(1, lateDone.get(), "subscribing after the end completes at once");
        assertEquals(1, done.get(), "onDone is not run again");
    }

    @Test
    void unsubscribed_viewer_gets_no_more_lines() throws Exception {
        Path gate = dir.resolve("go");
        LocalRun run = Runs.shell("echo before; " + Runs.waitFor(gate) + "; echo after");
        executor.submit(run);
        listener.awaitStarted(run.executionId());
        LiveOutput live = executor.live(run.executionId()).orElseThrow();
        List<String> lines = new CopyOnWriteArrayList<>();
        java.util.function.Consumer<String> viewer = lines::add;
        live.subscribe(viewer, () -> { });
        await().atMost(WAIT).until(() -> lines.contains("before"));

        live.unsubscribe(viewer);
        Files.createFile(gate);
        listener.awaitResult(run.executionId());

        assertEquals(List.of("before"), lines);
    }
}
