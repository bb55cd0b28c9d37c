package io.kronforce.worker.host;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import io.kronforce.worker.wire.ResultReport;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The host runs the real shell handler found through ServiceLoader. */
class TaskHostTest {
    private final TaskHost host = new TaskHost(
            HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse(""))),
            InstantSource.system(),
            TaskHost.DEFAULT_OUTPUT_CAP_BYTES);

    @AfterEach
    void close() {
        host.close();
    }

    private static HostedRun shell(String command, Integer timeoutSecs) {
        return new HostedRun(
                UUID.randomUUID().toString(),
                "job-1",
                1,
                Map.of("type", "shell", "command", command),
                Optional.ofNullable(timeoutSecs).map(Duration::ofSeconds),
                Optional.empty());
    }

    @Test
    void theShellHandlerIsFoundThroughServiceLoader() {
        assertTrue(host.types().contains("shell"), host.types().toString());
    }

    @Test
    void aSucceedingCommandReportsItsOutputAndTimes() {
        HostedRun run = shell("echo hello; echo oops >&2", null);
        ResultReport r = host.run(run, "agent-7");
        assertEquals("succeeded", r.status());
        assertEquals(0, r.exitCode());
        assertEquals("hello\n", r.stdout());
        assertEquals("oops\n", r.stderr());
        assertEquals(run.executionId(), r.executionId());
        assertEquals("job-1", r.jobId());
        assertEquals("agent-7", r.agentId());
        assertFalse(Instant.parse(r.finishedAt()).isBefore(Instant.parse(r.startedAt())));
    }

    @Test
    void aFailingCommandReportsFailedWithItsExitCode() {
        ResultReport r = host.run(shell("exit 3", null), "a");
        assertEquals("failed", r.status());
        assertEquals(3, r.exitCode());
    }

    @Test
    void aRunPastItsDeadlineIsTimedOut() {
        ResultReport r = host.run(shell("sleep 30", 1), "a");
        assertEquals("timed_out", r.status());
        assertNull(r.exitCode());
        assertTrue(r.stderr().contains("job timed out after 1s"), r.stderr());
    }

    @Test
    void cancelStopsARunningDispatchAndReportsCancelled() {
        HostedRun run = shell("echo started; sleep 30", null);
        CompletableFuture<ResultReport> result = CompletableFuture.supplyAsync(() -> host.run(run, "a"));
        await().atMost(Duration.ofSeconds(10)).until(() -> host.isRunning(run.executionId()));
        assertTrue(host.cancel(run.executionId()));
        ResultReport r = result.join();
        assertEquals("cancelled", r.status());
        assertTrue(r.stderr().endsWith("job cancelled by user"), r.stderr());
        assertFalse(host.isRunning(run.executionId()));
        assertFalse(host.cancel(run.executionId()), "nothing left to cancel");
    }

    @Test
    void outputPastTheCapKeepsTheTailAndSaysSo() {
        ResultReport r;
        try (TaskHost small = new TaskHost(
                HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse(""))), InstantSource.system(), 64)) {
            r = small.run(shell("i=0; while [ $i -lt 50 ]; do echo line-$i; i=$((i+1)); done", null), "a");
        }
        assertEquals("succeeded", r.status());
        assertTrue(r.stdoutTruncated());
        assertTrue(r.stdout().startsWith("[...truncated "), r.stdout());
        assertTrue(r.stdout().endsWith("line-49\n"), r.stdout());
        String kept = r.stdout().substring(r.stdout().indexOf('\n') + 1);
        assertTrue(kept.length() <= 64, kept);
    }

    @Test
    void aTaskTypeWithoutHandlerFailsWithoutRetryAndSaysWhy() {
        HostedRun run = new HostedRun("e", "j", 1, Map.of("type", "kafka"), Optional.empty(), Optional.empty());
        ResultReport r = host.run(run, "a");
        assertEquals("failed", r.status());
        assertTrue(r.stderr().contains("no handler for task type 'kafka'"), r.stderr());
    }

    @Test
    void aTaskThatDoesNotFitItsRecordFailsWithTheBindingProblem() {
        HostedRun run = new HostedRun(
                "e",
                "j",
                1,
                Map.of("type", "shell", "command", Map.of("nested", 1)),
                Optional.empty(),
                Optional.empty());
        ResultReport r = host.run(run, "a");
        assertEquals("failed", r.status());
        assertTrue(r.stderr().contains("task does not fit type 'shell'"), r.stderr());
    }

    @Test
    void theSameExecutionCannotRunTwiceAtOnce() {
        HostedRun run = shell("sleep 30", null);
        CompletableFuture<ResultReport> first = CompletableFuture.supplyAsync(() -> host.run(run, "a"));
        await().atMost(Duration.ofSeconds(10)).until(() -> host.isRunning(run.executionId()));
        ResultReport second = host.run(run, "a");
        assertEquals("failed", second.status());
        assertTrue(second.stderr().contains("already running"), second.stderr());
        host.cancel(run.executionId());
        assertEquals("cancelled", first.join().status());
    }

    @Test
    void anObserverHearsTheStartThenEveryChunkButNotTheHostsNote() {
        List<String> heard = new CopyOnWriteArrayList<>();
        HostedRun run = shell("echo out; echo err >&2; exit 2", null);
        HostedResult r = host.execute(run, new RunObserver() {
            @Override
            public void started(Instant at) {
                heard.add("started");
            }

            @Override
            public void stdout(String text) {
                heard.add("out:" + text);
            }

            @Override
            public void stderr(String text) {
                heard.add("err:" + text);
            }
        });
        assertEquals(HostedResult.Status.FAILED, r.status());
        assertEquals("started", heard.get(0));
        assertTrue(heard.containsAll(List.of("out:out\n", "err:err\n")), heard.toString());
        assertEquals(3, heard.size(), heard.toString());
    }

    @Test
    void aStopWhileTheObserverRecordsTheStartIsKeptAndTheHandlerNeverRuns() throws Exception {
        HostedRun run = shell("echo ran", null);
        CountDownLatch inStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<HostedResult> result =
                CompletableFuture.supplyAsync(() -> host.execute(run, new RunObserver() {
                    @Override
                    public void started(Instant at) {
                        inStarted.countDown();
                        try {
                            assertTrue(release.await(10, TimeUnit.SECONDS));
                        } catch (InterruptedException e) {
                            throw new AssertionError("a stop interrupted the start", e);
                        }
                    }
                }));
        assertTrue(inStarted.await(10, TimeUnit.SECONDS));
        assertTrue(host.stop(run.executionId(), StopReason.SHUTDOWN));
        release.countDown();
        HostedResult r = result.join();
        assertEquals(HostedResult.Status.CANCELLED, r.status());
        assertEquals("", r.stdout());
        assertEquals("job cancelled: worker shutting down", r.stderr());
    }

    @Test
    void aShutdownStopNamesTheHostInItsNote() {
        try (TaskHost controller = new TaskHost(
                HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse(""))),
                InstantSource.system(),
                TaskHost.DEFAULT_OUTPUT_CAP_BYTES,
                "controller")) {
            HostedRun run = shell("echo started; sleep 30", null);
            CompletableFuture<HostedResult> result =
                    CompletableFuture.supplyAsync(() -> controller.execute(run, RunObserver.NONE));
            await().atMost(Duration.ofSeconds(10)).until(() -> controller.isRunning(run.executionId()));
            controller.close();
            HostedResult r = result.join();
            assertEquals(HostedResult.Status.CANCELLED, r.status());
            assertTrue(r.stderr().endsWith("job cancelled: controller shutting down"), r.stderr());
        }
    }

    @Test
    void aRunStoppedBeforeItReachedTheHostHasTheSameResultAsOneStoppedAtItsStart() {
        HostedResult r = host.notStarted(shell("echo never", 5), StopReason.CANCEL);
        assertEquals(HostedResult.Status.CANCELLED, r.status());
        assertNull(r.exitCode());
        assertEquals("job cancelled by user", r.stderr());
    }

    /** A handler that gives up with an interrupt of its own after {@code elapsed} of the host's clock. */
    record GiveUp(String type) {}

    private static HostedResult giveUpAfter(Duration elapsed) {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        TaskHandler<GiveUp> giveUp = new TaskHandler<>() {
            @Override
            public String type() {
                return "give_up";
            }

            @Override
            public Class<GiveUp> configType() {
                return GiveUp.class;
            }

            @Override
            public TaskOutcome run(GiveUp config, TaskContext ctx) throws InterruptedException {
                now.updateAndGet(t -> t.plus(elapsed));
                throw new InterruptedException("gave up");
            }
        };
        try (TaskHost own = new TaskHost(HandlerCatalog.of(List.of(giveUp)), now::get, 1024)) {
            return own.execute(
                    new HostedRun(
                            "e",
                            "j",
                            1,
                            Map.of("type", "give_up"),
                            Optional.of(Duration.ofMinutes(1)),
                            Optional.empty()),
                    RunObserver.NONE);
        }
    }

    @Test
    void anInterruptNobodyAskedForPastTheDeadlineIsTheTimeout() {
        HostedResult r = giveUpAfter(Duration.ofSeconds(61));
        assertEquals(HostedResult.Status.TIMED_OUT, r.status());
        assertEquals("job timed out after 60s", r.stderr());
    }

    @Test
    void anInterruptNobodyAskedForBeforeTheDeadlineIsACancel() {
        HostedResult r = giveUpAfter(Duration.ofSeconds(59));
        assertEquals(HostedResult.Status.CANCELLED, r.status());
        assertEquals("job cancelled by user", r.stderr());
    }

    @Test
    void checkReportsHandlerAndBindingProblemsRelativeToTheTask() {
        HandlerCatalog catalog = HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse("")));
        assertTrue(catalog.serves("shell"));
        assertFalse(catalog.serves("kafka"));
        assertEquals(List.of(), catalog.check(Map.of("type", "shell", "command", "true")));
        assertEquals(
                List.of(new ConfigViolation("", "no handler for task type 'kafka'")),
                catalog.check(Map.of("type", "kafka")));
        List<ConfigViolation> misfit = catalog.check(Map.of("type", "shell", "command", Map.of("nested", 1)));
        assertEquals(1, misfit.size());
        assertEquals("", misfit.get(0).pointer());
        assertTrue(misfit.get(0).message().startsWith("task does not fit type 'shell'"), misfit.toString());
    }
}
