package io.kronforce.task.script;

import io.kronforce.task.TaskOutcome;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs one script on a platform thread of its own while the caller waits. HotSpot's per-thread
 * allocation counter, which the memory budget reads, answers -1 on a virtual thread, and hosts
 * run handlers on virtual threads; so the script never runs on the caller's thread. A cancel of
 * the caller is passed on as an interrupt, which the script sees at its next check.
 */
final class ScriptThread {
    /** Interpreted frames live on the heap, but host calls and the parser recurse on the Java stack. */
    private static final long STACK_BYTES = 4L * 1024 * 1024;

    /** The script's side of the run. */
    @FunctionalInterface
    interface Body {
        TaskOutcome run() throws InterruptedException;
    }

    private ScriptThread() {}

    static TaskOutcome run(String name, Body body) throws InterruptedException {
        FutureTask<TaskOutcome> task = new FutureTask<>(body::run);
        Thread worker = Thread.ofPlatform()
                .name(name)
                .daemon(true)
                .stackSize(STACK_BYTES)
                .start(task);
        try {
            return task.get();
        } catch (InterruptedException e) {
            worker.interrupt();
            // The script stops at its next check (every 1,000 instructions, or at once inside a
            // blocking builtin); wait for it so nothing it does outlives the run.
            worker.join();
            throw e;
        } catch (ExecutionException e) {
            return rethrown(e.getCause());
        }
    }

    private static TaskOutcome rethrown(Throwable cause) throws InterruptedException {
        if (cause instanceof InterruptedException stop) {
            throw stop;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(cause);
    }
}
