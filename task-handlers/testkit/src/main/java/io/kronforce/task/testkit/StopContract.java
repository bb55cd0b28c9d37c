package io.kronforce.task.testkit;

import static org.awaitility.Awaitility.await;

import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskOutcome;
import java.time.Duration;
import java.time.Instant;

/**
 * The stop contract of a handler that talks to a server, checked against a {@link SilentServer}:
 * a cancel (thread interrupt) or the deadline ends the run with {@link InterruptedException}
 * within a generous bound, and a cancelled run closes its connection.
 */
public final class StopContract {

    private static final Duration GENEROUS = Duration.ofSeconds(10);

    /** One run of the handler under test with the given context. */
    @FunctionalInterface
    public interface Run {
        TaskOutcome call(TaskContext ctx) throws Exception;
    }

    private StopContract() {}

    /** Starts the run, waits until it has connected to {@code silent}, interrupts it, and checks the contract. */
    public static void interruptEndsTheRunAndClosesTheConnection(SilentServer silent, Run run) throws Exception {
        BackgroundRun background = BackgroundRun.start(() -> run.call(TestTaskContext.plain()));
        await().atMost(GENEROUS).until(() -> silent.connections() >= 1);
        background.interrupt();
        expectStopped(background, "the interrupt");
        await().atMost(GENEROUS).until(silent::allClosedByClient);
    }

    /** Runs with a deadline half a second away against a server that never answers, and checks the contract. */
    public static void deadlineEndsTheRun(Run run) throws Exception {
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(500));
        expectStopped(BackgroundRun.start(() -> run.call(ctx)), "the deadline");
    }

    private static void expectStopped(BackgroundRun background, String cause) throws InterruptedException {
        if (!background.finishes(GENEROUS)) {
            background.interrupt();
            throw new AssertionError("the run did not stop within " + GENEROUS + " of " + cause);
        }
        if (!(background.result() instanceof InterruptedException)) {
            throw new AssertionError("expected InterruptedException after " + cause + ", got " + background.result());
        }
    }
}
