package io.kronforce.task.script;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * What one run may still spend: operations, allocated bytes, output and wall time. The engine
 * charges it every few instructions ({@link SandboxFactory}); host functions ask it how long they
 * may block. Confined to the run's thread, except {@link #timeLeft()}, which only reads.
 */
final class RunBudget {
    private static final com.sun.management.ThreadMXBean THREADS = allocationCounter();

    private final ScriptLimits limits;
    private final Instant deadline;
    private final boolean jobDeadline;
    private final InstantSource clock;
    private final long allocatedAtStart;
    private long operations;
    private long output;

    /**
     * @param jobDeadline the job's own deadline; empty to use the default timeout from now
     */
    RunBudget(ScriptLimits limits, java.util.Optional<Instant> jobDeadline, InstantSource clock) {
        this.limits = limits;
        this.clock = clock;
        this.jobDeadline = jobDeadline.isPresent();
        this.deadline = jobDeadline.orElseGet(() -> clock.instant().plus(limits.defaultTimeout()));
        this.allocatedAtStart = allocated();
    }

    ScriptLimits limits() {
        return limits;
    }

    /** Whether the deadline in force is the job's (a stop is then the host's timeout) or our default. */
    boolean isJobDeadline() {
        return jobDeadline;
    }

    /** Charges {@code count} operations and checks every bound. */
    void charge(int count) {
        operations += count;
        if (operations > limits.operations()) {
            throw new ScriptStop(
                    ScriptStop.Cause.OPERATIONS, "script exceeded its operation limit of " + limits.operations());
        }
        checkpoint();
    }

    /** Checks interruption, the deadline and the allocation budget. */
    void checkpoint() {
        if (Thread.currentThread().isInterrupted()) {
            throw new ScriptStop(ScriptStop.Cause.INTERRUPTED, "script stopped");
        }
        if (!clock.instant().isBefore(deadline)) {
            throw deadlinePassed();
        }
        long spent = allocated() - allocatedAtStart;
        if (spent > limits.allocationBytes()) {
            throw new ScriptStop(
                    ScriptStop.Cause.MEMORY,
                    "script exceeded its memory budget of " + limits.allocationBytes() / (1024 * 1024)
                            + " MiB allocated");
        }
    }

    ScriptStop deadlinePassed() {
        return new ScriptStop(
                ScriptStop.Cause.DEADLINE,
                "script timed out after " + limits.defaultTimeout().toSeconds() + "s");
    }

    /** Counts characters about to be printed; stops the script past the output limit. */
    void chargeOutput(int chars) {
        output += chars;
        if (output > limits.outputChars()) {
            throw new ScriptStop(
                    ScriptStop.Cause.OUTPUT, "script printed more than " + limits.outputChars() + " characters");
        }
    }

    /** How long a host function may block: never past the deadline, never more than {@code cap}. */
    Duration timeLeft(Duration cap) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (!left.isPositive()) {
            throw deadlinePassed();
        }
        return left.compareTo(cap) < 0 ? left : cap;
    }

    private static long allocated() {
        return THREADS == null ? 0 : THREADS.getCurrentThreadAllocatedBytes();
    }

    /** HotSpot's per-thread allocation counter; null on a JVM without it (the budget is then not enforced). */
    private static com.sun.management.ThreadMXBean allocationCounter() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            bean.setThreadAllocatedMemoryEnabled(true);
            return bean;
        }
        return null;
    }
}
