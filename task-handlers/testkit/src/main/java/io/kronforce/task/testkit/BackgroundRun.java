package io.kronforce.task.testkit;

import io.kronforce.task.TaskOutcome;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A task run on a platform thread of its own, so a test can publish to it, interrupt it (as the
 * host does on cancel) and then read what it returned or threw.
 */
public final class BackgroundRun {

    private final AtomicReference<Object> result = new AtomicReference<>();
    private final Thread thread;

    private BackgroundRun(Callable<TaskOutcome> run) {
        thread = Thread.ofPlatform().name("background-task-run").start(() -> {
            try {
                result.set(run.call());
            } catch (Exception e) {
                result.set(e);
            }
        });
    }

    public static BackgroundRun start(Callable<TaskOutcome> run) {
        return new BackgroundRun(run);
    }

    public void interrupt() {
        thread.interrupt();
    }

    /** Whether the run ended within {@code limit}. */
    public boolean finishes(Duration limit) throws InterruptedException {
        return thread.join(limit);
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    /** The outcome, or the exception the run threw; {@code null} while it runs. */
    public Object result() {
        return result.get();
    }
}
