package io.kronforce.controller.schedule;

/**
 * Told after a job change commits (created, updated, deleted, a run finished) so the scheduler
 * re-plans it at once instead of on its next wake. Implementations must be quick and must not
 * block: the caller is a request thread.
 */
@FunctionalInterface
public interface ScheduleChanges {
    ScheduleChanges NONE = jobId -> {};

    void jobChanged(String jobId);
}
