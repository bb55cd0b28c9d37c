package io.kronforce.controller.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * A schedule that is a fixed series of instants ({@link CronSchedule}, {@link CalendarSchedule}):
 * what {@link DuePlanner} steps through to find due slots and the next fire.
 */
public interface FireTimes {
    /** The first fire strictly after {@code after}; empty when none within the schedule's horizon. */
    Optional<Instant> nextAfter(Instant after);

    /** The last fire at or before {@code at}; empty when none within the schedule's horizon. */
    Optional<Instant> latestAtOrBefore(Instant at);

    /**
     * The first fire after {@code after} for a job planned afresh (created, changed, resumed).
     * Same as {@link #nextAfter} unless a schedule has a reason to differ (cron in a DST overlap).
     */
    default Optional<Instant> firstAfter(Instant after) {
        return nextAfter(after);
    }
}
