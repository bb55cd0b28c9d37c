package io.kronforce.controller.jobs;

import io.kronforce.controller.domain.spec.JobSpec;
import io.kronforce.controller.schedule.DuePlanner;
import io.kronforce.controller.schedule.Timing;

/**
 * The next fire a job change commits with the job row, so that a bulk import, edit or resume
 * leaves the scheduler nothing to plan afterwards: what {@link DuePlanner#first} plans, which is
 * what the scheduler would plan right after the commit. Null leaves the planning to the scheduler.
 * Pure and stateless.
 */
final class CommittedPlans {
    private CommittedPlans() {}

    /**
     * A new job's first fire (it has no runs, so no history); null for a schedule that never fires
     * by itself or a window already over (the scheduler unschedules the job).
     */
    static Long forNewJob(JobSpec spec, long nowMs) {
        DuePlanner.Plan plan = DuePlanner.first(Timing.of(spec), DuePlanner.History.NONE, nowMs);
        return plan.unschedule() ? null : plan.nextMs();
    }

    /**
     * A changed scheduled job's next fire, as for a new job; null for an interval schedule too: its
     * next fire counts from the job's runs, which the scheduler reads.
     */
    static Long forChangedJob(JobSpec spec, long nowMs) {
        return "interval".equals(spec.schedule().type()) ? null : forNewJob(spec, nowMs);
    }
}
