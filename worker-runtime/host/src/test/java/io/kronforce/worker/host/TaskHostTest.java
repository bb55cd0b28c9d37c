package io.kronforce.worker.host;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.worker.wire.ResultReport;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The host runs the real shell handler found through ServiceLoader. */
class TaskHostTest {
    private final TaskHost host = new TaskHost(HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse(""))),
            InstantSource.system(), TaskHost.DEFAULT_OUTPUT_CAP_BYTES);

    @AfterEach
    void close() {
        host.close();
    }

    private static HostedRun shell(String command, Integer timeoutSecs) {
        return new HostedRun(UUID.randomUUID().toString(), "job-1", 1, Map.of("type", "shell", "command", command),
                Optional.ofNullable(timeoutSecs).map(Duration::ofSeconds), Optional.empty());
    }

    @Test
    void the_shell_handler_is_found_through_service_loader() {
        assertTrue(host.types().contains("shell"), host.types().toString());
    }

    @Test
    void a_succeeding_command_reports_its_output_and_times() {
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
    void a_failing_command_reports_failed_with_its_exit_code() {
        ResultReport r = host.run(shell("exit 3", null), "a");
        assertEquals("failed", r.status());
        assertEquals(3, r.exitCode());
    }

    @Test
    void a_run_past_its_deadline_is_timed_out() {
        ResultReport r = host.run(shell("sleep 30", 1), "a");
        assertEquals("timed_out", r.status());
        assertNull(r.exitCode());
        assertTrue(r.stderr().contains("job timed out after 1s"), r.stderr());
    }

    @Test
    void cancel_stops_a_running_dispatch_and_reports_cancelled() {
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
    void output_past_the_cap_keeps_the_tail_and_says_so() {
        ResultReport r;
        try (TaskHost small = new TaskHost(HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse(""))),
                InstantSource.system(), 64)) {
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
    void a_task_type_without_handler_fails_without_retry_and_says_why() {
        HostedRun run = new HostedRun("e", "j", 1, Map.of("type", "kafka"), Optional.empty(), Optional.empty());
        ResultReport r = host.run(run, "a");
        assertEquals("failed", r.status());
        assertTrue(r.stderr().contains("no handler for task type 'kafka'"), r.stderr());
    }

    @Test
    void a_task_that_does_not_fit_its_record_fails_with_the_binding_problem() {
        HostedRun run = new HostedRun("e", "j", 1, Map.of("type", "shell", "command", Map.of("nested", 1)),
                Optional.empty(), Optional.empty());
        ResultReport r = host.run(run, "a");
        assertEquals("failed", r.status());
        assertTrue(r.stderr().contains("task does not fit type 'shell'"), r.stderr());
    }

    @Test
    void the_same_execution_cannot_run_twice_at_once() {
        HostedRun run = shell("sleep 30", null);
        CompletableFuture<ResultReport> first = CompletableFuture.supplyAsync(() -> host.run(run, "a"));
        await().atMost(Duration.ofSeconds(10)).until(() -> host.isRunning(run.executionId()));
        ResultReport second = host.run(run, "a");
        assertEquals("failed", second.status());
        assertTrue(second.stderr().contains("already running"), second.stderr());
        host.cancel(run.executionId());
        assertEquals("cancelled", first.join().status());
    }
}
