package io.kronforce.controller.schedule;

import io.kronforce.controller.domain.Job;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What {@link TickLoop} needs from the rest of the controller: the persisted plan and a way to
 * act on it. Implemented over the store in {@code firing} (the scheduler, retries, SLA checks,
 * pipelines); {@link #advance} is one job in its own transaction, {@link #advanceAll} may take a
 * batch in one, and each answers when the loop should next look at the job — its next fire as now
 * persisted, or earlier when the firings act ahead of it (empty: nothing planned).
 */
public interface Firings {
    /** When the loop should look at a job: its persisted next fire, or earlier (see {@link #wakeFor}). */
    record Due(String jobId, long atMs) {}

    /**
     * Every scheduled job's persisted next fire as a wake, read from the index at start-up (parses
     * nothing).
     */
    List<Due> persisted();

    /** Scheduled jobs with a timed schedule but no persisted next fire (changed while stopped, or older data). */
    List<String> unplanned();

    /**
     * Brings one job up to date at {@code nowMs}, reading its persisted next fire first: plans it
     * when nothing is planned (created, changed, resumed, interval run finished), fires what is
     * due (one transaction, idempotent per slot), and leaves a job whose next fire is ahead alone.
     */
    OptionalLong advance(String jobId, long nowMs);

    /**
     * Advances several jobs at {@code nowMs}, as {@link #advance} does each; returns each id's next
     * wake. By default one after the other; an implementation with a cheaper batch (one read and
     * one write for all) says so through {@link #batchSize()}. A failure fails the whole call.
     */
    default Map<String, OptionalLong> advanceAll(List<String> jobIds, long nowMs) {
        Map<String, OptionalLong> next = new HashMap<>();
        jobIds.forEach(id -> next.put(id, advance(id, nowMs)));
        return next;
    }

    /**
     * Whether these firings may plan anything for the job as saved (an SLA check only for a job
     * with an SLA). A loop skips the read of a saved job that concerns it not and has no plan in it.
     * By default every job concerns them.
     */
    default boolean concerns(Job saved) {
        return true;
    }

    /**
     * When the loop should wake for a saved job whose next fire {@code plannedFireMs} was committed
     * with the change (the scheduler wakes early for slots it admits ahead of their time). By default
     * at the fire itself.
     */
    default long wakeFor(Job saved, long plannedFireMs) {
        return plannedFireMs;
    }

    /** How many ids one {@link #advanceAll} call should take; 1 means each job on its own. */
    default int batchSize() {
        return 1;
    }

    /**
     * Splits the ids due in one step into waves advanced one after the other; the ids of one wave
     * are advanced concurrently. By default one wave. The scheduler makes one wave per
     * {@code priority}, highest first (docs/reference/scheduling.md#the-window-time-zone-and-priority), so a higher
     * priority is recorded first.
     */
    default List<List<String>> waves(List<String> due) {
        return List.of(due);
    }
}
