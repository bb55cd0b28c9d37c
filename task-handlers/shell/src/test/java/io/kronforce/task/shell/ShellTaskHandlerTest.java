package io.kronforce.task.shell;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellTaskHandlerTest {

    private static final Duration QUICK = Duration.ofSeconds(5);

    private final ShellTaskHandler handler = new ShellTaskHandler();
    private final List<Long> strayPids = new ArrayList<>();

    @AfterEach
    void killStrays() {
        strayPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void echoIsCapturedOnStdout() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = handler.run(new ShellTask("echo hello", null), ctx);
        assertEquals(TaskOutcome.Succeeded.withExitCode(0), outcome);
        assertEquals("hello\n", ctx.output().stdoutText());
        assertEquals("", ctx.output().stderrText());
    }

    @Test
    void stderrIsCapturedSeparately() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        handler.run(new ShellTask("echo out; echo err >&2", null), ctx);
        assertEquals("out\n", ctx.output().stdoutText());
        assertEquals("err\n", ctx.output().stderrText());
    }

    @Test
    void nonZeroExitFailsWithThatCode() throws Exception {
        TaskOutcome outcome = handler.run(new ShellTask("echo partial; exit 3", null), TestTaskContext.plain());
        assertEquals(new TaskOutcome.Failed(3, "", true), outcome);
    }

    @Test
    void stdinIsClosedSoReadersDoNotHang() throws Exception {
        TaskOutcome outcome = assertTimeoutPreemptively(
                QUICK, () -> handler.run(new ShellTask("cat", null), TestTaskContext.plain()));
        assertEquals(TaskOutcome.Succeeded.withExitCode(0), outcome);
    }

    @Test
    void workingDirIsRespected(@TempDir Path dir) throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        handler.run(new ShellTask("pwd -P", dir.toString()), ctx);
        assertEquals(dir.toRealPath() + "\n", ctx.output().stdoutText());
    }

    @Test
    void singleQuoteInWorkingDirIsEscaped(@TempDir Path dir) throws Exception {
        Path odd = Files.createDirectory(dir.resolve("it's $(here) \"x\""));
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = handler.run(new ShellTask("pwd -P", odd.toString()), ctx);
        assertEquals(TaskOutcome.Succeeded.withExitCode(0), outcome);
        assertEquals(odd.toRealPath() + "\n", ctx.output().stdoutText());
    }

    @Test
    void missingWorkingDirRunsNoLineOfTheCommand(@TempDir Path dir) throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = handler.run(
                new ShellTask("echo one\necho two", dir.resolve("nope").toString()), ctx);
        assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertTrue(outcome.exitCode() != null && outcome.exitCode() != 0);
        assertEquals("", ctx.output().stdoutText());
    }

    @Test
    void multiByteCharactersAreNeverSplit() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        // 20 000 two-byte characters: far more than one pipe read, so chunk edges fall mid-character.
        handler.run(
                new ShellTask(
                        "i=0; while [ $i -lt 200 ]; do printf '" + "\\303\\251".repeat(100) + "'; i=$((i+1)); done",
                        null),
                ctx);
        assertEquals("é".repeat(20_000), ctx.output().stdoutText());
        assertTrue(ctx.output().stdoutChunks().stream().noneMatch(c -> c.contains("\uFFFD")));
    }

    @Test
    void outputIsStreamedBeforeTheProcessEnds() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Running run = Running.start(handler, new ShellTask("echo first; sleep 30", null), ctx);
        await().atMost(QUICK).until(() -> ctx.output().stdoutText().equals("first\n"));
        run.interruptAndAwait();
        assertInstanceOf(InterruptedException.class, run.thrown.get());
    }

    @Test
    void interruptKillsTheWholeProcessTree() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        String command = "sleep 30 & echo $!; sh -c 'sleep 30 & echo $!; wait' & echo $!; echo $$; wait";
        Running run = Running.start(handler, new ShellTask(command, null), ctx);
        await().atMost(QUICK).until(() -> ctx.output().stdoutText().lines().count() == 4);
        List<Long> pids = ctx.output().stdoutText().lines().map(Long::parseLong).toList();
        strayPids.addAll(pids);
        assertTrue(pids.stream().allMatch(ShellTaskHandlerTest::alive), "tree running before the interrupt");

        run.interruptAndAwait();

        assertInstanceOf(InterruptedException.class, run.thrown.get());
        await().atMost(QUICK).until(() -> pids.stream().noneMatch(ShellTaskHandlerTest::alive));
    }

    @Test
    void interruptAfterTheProcessClosedItsOutputStillEndsTheRun() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Running run = Running.start(handler, new ShellTask("echo bye; exec >&- 2>&-; sleep 30", null), ctx);
        await().atMost(QUICK).until(() -> ctx.output().stdoutText().equals("bye\n"));
        run.interruptAndAwait();
        assertInstanceOf(InterruptedException.class, run.thrown.get());
    }

    @Test
    void backgroundChildHoldingThePipeDoesNotHoldUpTheRun() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome =
                assertTimeoutPreemptively(QUICK, () -> handler.run(new ShellTask("sleep 30 & echo $!", null), ctx));
        strayPids.add(Long.parseLong(ctx.output().stdoutText().strip()));
        assertEquals(TaskOutcome.Succeeded.withExitCode(0), outcome);
    }

    @Test
    void invalidRunAsUserIsRefusedWithoutRunning() throws Exception {
        TestTaskContext ctx = TestTaskContext.runningAs("root; touch /tmp/pwned");
        TaskOutcome outcome = handler.run(new ShellTask("echo hi", null), ctx);
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertFalse(failed.retryable());
        assertTrue(failed.reason().contains("invalid user name"), failed.reason());
        assertEquals("", ctx.output().stdoutText());
    }

    @Test
    void runAsGoesThroughNonInteractiveSudo() {
        assertEquals(
                List.of("sudo", "-n", "-u", "svc.batch-1", "sh", "-c", "cd -- '/a'\\''b' || exit; id"),
                ShellTaskHandler.commandLine(new ShellTask("id", "/a'b"), Optional.of("svc.batch-1")));
        assertEquals(
                List.of("sh", "-c", "id"), ShellTaskHandler.commandLine(new ShellTask("id", ""), Optional.empty()));
    }

    @Test
    void spawnFailureIsANonRetryableFailure() throws Exception {
        // A NUL cannot cross exec(2); check() rejects it, run() must still fail cleanly.
        TaskOutcome outcome = handler.run(new ShellTask("echo \0", null), TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertEquals(null, failed.exitCode());
        assertTrue(failed.reason().startsWith("failed to spawn process: "), failed.reason());
        assertFalse(failed.retryable());
    }

    /**
     * Whether a process still runs. A zombie counts as dead: it was killed, and only waits for its
     * new parent (init, or a container's PID 1 that may reap slowly) to collect it.
     */
    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !zombie(pid);
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A handler run on its own thread, so the test can interrupt it like the host does. */
    private record Running(Thread thread, AtomicReference<Throwable> thrown) {

        static Running start(ShellTaskHandler handler, ShellTask task, TestTaskContext ctx) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread thread = Thread.ofPlatform().name("run-under-test").start(() -> {
                try {
                    handler.run(task, ctx);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            return new Running(thread, thrown);
        }

        void interruptAndAwait() throws InterruptedException {
            thread.interrupt();
            assertTrue(thread.join(QUICK), "run did not end after the interrupt");
        }
    }
}
