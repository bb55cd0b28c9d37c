package io.kronforce.controller.schedule;

import io.kronforce.controller.domain.Job;

/**
 * Told after a job change commits (created, updated, deleted, a run finished) so the scheduler
 * re-plans it at once instead of on its next wake. Implementations must be quick and must not
 * block: the caller is a request thread.
 */
@FunctionalInterface
public interface ScheduleChanges {
    ScheduleChanges NONE = jobId -> {};

    void jobChanged(String jobId);

    /**
     * Told instead of {@link #jobChanged} when a create or an edit committed: {@code saved} is the
     * job as stored, {@code plannedFireMs} the next fire committed with it (null when none was, and
     * the scheduler plans it). A listener that can decide from the saved job takes it as is, with no
     * read back: a bulk import then costs the listeners nothing. Two edits of one job may be told
     * out of order, so a listener trusts the saved job only where that order cannot matter, and
     * re-reads the job otherwise. By default, as for any change.
     */
    default void jobSaved(Job saved, Long plannedFireMs) {
        jobChanged(saved.id());
    }
}
