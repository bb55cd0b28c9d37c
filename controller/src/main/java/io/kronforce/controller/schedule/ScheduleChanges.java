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

    /**
     * Told instead of {@link #jobChanged} when the change committed the job's next fire with it (a
     * create plans in its own transaction, so a bulk import leaves no backlog). A listener that
     * keeps next fires can take {@code nextFireMs} as is; any other re-reads the job as for a change.
     */
    default void jobPlanned(String jobId, long nextFireMs) {
        jobChanged(jobId);
    }
}
