package io.kronforce.controller.exec;

import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.task.OutputSink;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskOutcome;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** One run in flight: its output buffers, its thread, and why it was stopped, if it was. */
final class RunState {
    enum Stop { TIMEOUT, CANCEL, SHUTDOWN }

    final LocalRun run;
    final LiveOutput live;
    private final CappedText stdout;
    private final CappedText stderr;
    volatile Thread thread;
    volatile boolean cancelled;
    private volatile Stop stop;
    private volatile Instant deadline;
    private volatile InstantSource clock;

    RunState(LocalRun run, LiveOutput live, int outputCapChars) {
        this.run = run;
        this.live = live;
        this.stdout = new CappedText(outputCapChars);
        this.stderr = new CappedText(outputCapChars);
    }

    synchronized void interrupt(Stop why) {
        if (stop == null) {
            stop = why;
        }
        cancelled = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** From now on stops no longer interrupt the run's thread (the handler has returned). */
    synchronized void detach() {
        thread = null;
    }

    TaskContext context() {
        return new TaskContext() {
            @Override public String executionId() { return run.executionId(); }
            @Override public int attempt() { return run.attempt(); }
            @Override public Optional<Instant> deadline() { return Optional.ofNullable(deadline); }
            @Override public Optional<String> runAs() { return run.runAs(); }
            @Override public OutputSink output() { return sink(); }
            @Override public InstantSource clock() { return clock; }
        };
    }

    void startClock(InstantSource source) {
        clock = source;
        deadline = run.timeout().map(t -> source.instant().plus(t)).orElse(null);
    }

    private OutputSink sink() {
        return new OutputSink() {
            @Override
            public void stdout(String text) {
                stdout.append(text);
                live.stdout(text);
            }

            @Override
            public void stderr(String text) {
                stderr.append(text);
                live.stderr(text);
            }
        };
    }

    RunResult outcomeResult(TaskOutcome outcome, InstantSource clock) {
        // A run that finished by itself keeps its result even if a deadline fired just after; a
        // handler that swallowed the interrupt and reported failure is recorded as stopped.
        if (stop != null && outcome instanceof TaskOutcome.Failed) {
            return interruptedResult(clock);
        }
        return switch (outcome) {
            case TaskOutcome.Succeeded s -> result(ExecutionStatus.SUCCEEDED, s.exitCode(), null, clock);
            case TaskOutcome.Failed f -> result(ExecutionStatus.FAILED, f.exitCode(), f.reason(), clock);
        };
    }

    RunResult interruptedResult(InstantSource clock) {
        // A handler that watches the deadline itself may stop a moment before the watchdog fires:
        // an interrupt nobody asked for, past the deadline, is the timeout.
        Stop why = stop != null ? stop
                : deadline != null && !clock.instant().isBefore(deadline) ? Stop.TIMEOUT : Stop.CANCEL;
        return switch (why) {
            case TIMEOUT -> result(ExecutionStatus.TIMED_OUT, null,
                    "job timed out after " + run.timeout().map(java.time.Duration::toSeconds).orElse(0L) + "s", clock);
            case CANCEL -> result(ExecutionStatus.CANCELLED, null, "job cancelled by user", clock);
            case SHUTDOWN -> result(ExecutionStatus.CANCELLED, null, "job cancelled: controller shutting down", clock);
        };
    }

    RunResult result(ExecutionStatus status, Integer exitCode, String note, InstantSource clock) {
        String err = stderr.render();
        if (note != null && !note.isEmpty()) {
            err = err.isEmpty() || err.endsWith("\n") ? err + note : err + "\n" + note;
        }
        return new RunResult(status, exitCode, run.mask().apply(stdout.render()), run.mask().apply(err),
                stdout.truncated(), stderr.truncated(), clock.millis());
    }
}
