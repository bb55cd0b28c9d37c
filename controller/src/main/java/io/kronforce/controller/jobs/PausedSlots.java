package io.kronforce.controller.jobs;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.schedule.FireTimes;
import io.kronforce.controller.schedule.Timing;
import io.kronforce.controller.store.ExecutionStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a paused cron or calendar job is resumed, the slots it did not fire while paused are
 * recorded as {@code skipped} rows on their slots ("skipped: the job was paused"), the most recent
 * {@value #LIMIT}, so every intended fire leaves a trace. "While paused" starts at the job's last
 * change before the resume (the pause itself, unless the job was edited while paused). Runs in the
 * transaction of the resume. Stateless and thread-safe.
 */
final class PausedSlots {
    static final int LIMIT = 100;

    private final ExecutionStore executions;

    PausedSlots(ExecutionStore executions) {
        this.executions = executions;
    }

    void record(Connection c, Job before, Job after, long nowMs) throws SQLException {
        if (before.status() != JobStatus.PAUSED || after.status() != JobStatus.SCHEDULED) {
            return;
        }
        Timing timing = Timing.of(before.spec());
        if (!timing.type().equals("cron") && !timing.type().equals("calendar")) {
            return;
        }
        for (long slot : latestSlots(timing, before.updatedAtMs(), nowMs)) {
            executions.insertScheduled(
                    c,
                    Execution.skippedSlot(before.id(), before.task(), slot, "skipped: the job was paused", nowMs),
                    slot);
        }
    }

    /** The slots in {@code (fromMs, toMs]} inside the job's window, newest {@value #LIMIT} of them, walking back. */
    private static List<Long> latestSlots(Timing timing, long fromMs, long toMs) {
        FireTimes times = timing.fireTimes();
        List<Long> out = new ArrayList<>();
        Optional<Instant> slot = times.latestAtOrBefore(Instant.ofEpochMilli(toMs));
        while (slot.isPresent() && slot.get().toEpochMilli() > fromMs && out.size() < LIMIT) {
            long ms = slot.get().toEpochMilli();
            if (timing.inWindow(ms)) {
                out.add(ms);
            }
            slot = times.latestAtOrBefore(Instant.ofEpochMilli(ms - 1));
        }
        return out;
    }
}
