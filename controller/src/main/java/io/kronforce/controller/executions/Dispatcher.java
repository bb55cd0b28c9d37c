package io.kronforce.controller.executions;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.RunLogRecord;
import io.kronforce.controller.exec.LiveOutput;
import io.kronforce.controller.exec.LocalExecutor;
import io.kronforce.controller.exec.LocalRun;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.exec.RunResult;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Starts recorded {@code pending} runs where their target says. A run that cannot start is
 * closed through the {@link RunListener} with the reason — an unresolved placeholder, a target
 * no worker serves — so the execution says why (docs/reference/differences.md row 17: never silence). Thread-safe.
 */
public final class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    /** Why a run of a job without an agent target fails when this controller runs no task itself. */
    static final String LOCAL_TASKS_OFF = "this controller runs no task itself (KRONFORCE_LOCAL_TASKS=off):"
            + " give the job an agent, tagged, any, all or function target";

    private final RunListener listener;
    private final InstantSource clock;
    private final LocalExecutor executor;
    private final RemoteDispatch remote;
    private final InFlightRows inFlight;
    private final boolean localTasks;

    /**
     * @param localTasks false: no run starts in this process; a run of a job whose target is the
     *     controller fails with {@link #LOCAL_TASKS_OFF} (docs/SECURITY.md, "Tasks and the host")
     */
    public Dispatcher(
            RunListener listener,
            LocalExecutor executor,
            RemoteDispatch remote,
            InFlightRows inFlight,
            InstantSource clock,
            boolean localTasks) {
        this.listener = listener;
        this.executor = executor;
        this.remote = remote;
        this.inFlight = inFlight;
        this.clock = clock;
        this.localTasks = localTasks;
    }

    /**
     * The run on its way to the store, with a local slot reserved when it will run here, can start
     * and a slot is free now ({@link Launch}). Call before the admission's write.
     */
    public Launch launch(Job job, PreparedRun run) {
        return new Launch(job, run, reserve(job, run).orElse(null), clock.millis());
    }

    /** A local slot for the run when it will run here, can start and one is free now. */
    Optional<LocalExecutor.Slot> reserve(Job job, PreparedRun run) {
        boolean startsHere = job.runsLocally()
                && localTasks
                && !job.spec().approvalRequired() // it will wait for a human, not for a slot
                && run.blocked() == null
                && run.unresolved().isEmpty();
        return startsHere ? executor.reserve() : Optional.empty();
    }

    /**
     * After the admission committed: starts a run stored {@code running} on its reserved slot, starts a
     * {@code pending} one the usual way, and gives the slot back for any other outcome (gated, or
     * not stored at all when {@code stored} is empty).
     */
    public void proceed(Launch launch, Optional<ExecutionStatus> stored) {
        if (launch.slot() != null && stored.orElse(null) == ExecutionStatus.RUNNING) {
            startStored(launch.job(), launch.run(), launch.slot(), launch.startAtMs());
            return;
        }
        abandon(launch);
        if (stored.orElse(null) == ExecutionStatus.PENDING) {
            start(launch.job(), launch.run());
        }
    }

    /** Starts a run whose row was stored {@code running} from {@code startedAtMs} on the reserved {@code slot}. */
    void startStored(Job job, PreparedRun run, LocalExecutor.Slot slot, long startedAtMs) {
        Execution row = run.row().startedAs(startedAtMs);
        inFlight.put(row, job);
        if (!executor.submit(localRun(job, run), slot)) {
            inFlight.forget(row.id());
        }
    }

    /** Gives back what the launch holds when its admission failed or was not applied. Idempotent. */
    public void abandon(Launch launch) {
        if (launch.slot() != null) {
            launch.slot().release();
        }
    }

    /** Starts the recorded run, or closes it as failed with the reason it cannot start. */
    public void start(Job job, PreparedRun run) {
        String id = run.row().id();
        if (run.blocked() != null) {
            fail(id, run.blocked());
            return;
        }
        if (!run.unresolved().isEmpty()) {
            fail(id, "unresolved variable reference(s): " + String.join(", ", run.unresolved()));
            return;
        }
        if (!job.runsLocally()) {
            remote.start(job, run).ifPresent(reason -> fail(id, reason));
            return;
        }
        if (!localTasks) {
            fail(id, LOCAL_TASKS_OFF);
            return;
        }
        inFlight.put(run.row(), job);
        if (!executor.submit(localRun(job, run))) {
            inFlight.forget(id);
            RunLogRecord.log(
                    LOG,
                    java.util.logging.Level.INFO,
                    "controller shutting down; execution " + id + " stays pending for the next start",
                    id,
                    job.id(),
                    null);
        }
    }

    private static LocalRun localRun(Job job, PreparedRun run) {
        Optional<Duration> timeout = Optional.ofNullable(job.timeoutSecs()).map(Duration::ofSeconds);
        return new LocalRun(
                run.row().id(),
                run.row().attemptNumber(),
                run.runTask(),
                timeout,
                Optional.ofNullable(job.runAs()),
                run.mask());
    }

    private void fail(String executionId, String reason) {
        listener.finished(
                executionId,
                new RunResult(ExecutionStatus.FAILED, null, "", reason, false, false, clock.millis(), null));
    }

    /**
     * Interrupts a run of this controller (true: its own result will say cancelled). A remote run
     * is withdrawn instead — its agent told to stop, its late result refused — and false is
     * returned so the caller records the cancellation now rather than waiting on the agent.
     */
    boolean cancel(String executionId) {
        if (executor.cancel(executionId)) {
            return true;
        }
        remote.withdraw(executionId);
        return false;
    }

    /** Whether an agent holds the run (pushed, claimed or queued) — start-up recovery leaves those alone. */
    boolean heldRemotely(String executionId) {
        return remote.holds(executionId);
    }

    Optional<LiveOutput> live(String executionId) {
        return executor.live(executionId);
    }
}
