package io.kronforce.bench.peers;

import org.jobrunr.jobs.Job;
import org.jobrunr.jobs.filters.ApplyStateFilter;
import org.jobrunr.jobs.filters.JobServerFilter;
import org.jobrunr.jobs.states.JobState;
import org.jobrunr.jobs.states.ScheduledState;
import org.jobrunr.jobs.states.SucceededState;

/**
 * JobRunr's two filters the workloads read: the state filter runs after the new state was saved
 * by the storage provider, so SUCCEEDED there means recorded; the server filter runs on the worker
 * thread just before the body, and passes the planned time of a recurring run to it.
 */
public final class JobRunrHooks implements ApplyStateFilter, JobServerFilter {

    private static final ThreadLocal<Long> PLANNED_MS = ThreadLocal.withInitial(() -> -1L);

    @Override
    public void onStateApplied(Job job, JobState oldState, JobState newState) {
        if (newState instanceof SucceededState) {
            Probe.completionRecorded();
        }
    }

    @Override
    public void onProcessing(Job job) {
        PLANNED_MS.set(job.getLastJobStateOfType(ScheduledState.class)
                .map(state -> state.getScheduledAt().toEpochMilli())
                .orElse(-1L));
    }

    /** The body of a W3 job: JobRunr serialises the call, so it must be a public static method. */
    public static void everySecond(int job) {
        Probe.cronFired(job, PLANNED_MS.get());
    }
}
