package io.kronforce.controller.executions;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.exec.LocalExecutor;

/**
 * A prepared run on its way into the store, holding a local slot when one was free. With the slot,
 * the fire gate stores the row already {@code running} (from the moment of the reservation) and
 * the run starts right after the commit, so a run costs two writes — its admission and its finish
 * — instead of three. Without one (a remote target, a run that cannot start, every slot busy) the
 * row is stored {@code pending} and dispatched as before. Made by {@link Dispatcher#launch}, ended
 * by {@link Dispatcher#proceed} or {@link Dispatcher#abandon}; one caller holds it in between.
 */
public final class Launch {
    private final Job job;
    private final PreparedRun run;
    private final LocalExecutor.Slot slot;
    private final long reservedAtMs;

    Launch(Job job, PreparedRun run, LocalExecutor.Slot slot, long reservedAtMs) {
        this.job = job;
        this.run = run;
        this.slot = slot;
        this.reservedAtMs = reservedAtMs;
    }

    /** The row to admit, as prepared ({@code pending}; the gate decides what is stored). */
    public Execution row() {
        return run.row();
    }

    /** When the row may be stored running from; null when it must wait as {@code pending}. */
    public Long startAtMs() {
        return slot == null ? null : reservedAtMs;
    }

    Job job() {
        return job;
    }

    PreparedRun run() {
        return run;
    }

    LocalExecutor.Slot slot() {
        return slot;
    }
}
