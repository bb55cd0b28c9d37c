package io.kronforce.controller.views;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.domain.spec.Dependency;
import io.kronforce.controller.executions.FireGate;
import io.kronforce.controller.jobs.JobDocument;
import io.kronforce.controller.schedule.DuePlanner;
import io.kronforce.controller.schedule.Schedules;
import io.kronforce.controller.schedule.Timing;
import io.kronforce.controller.store.ExecutionQueryStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Upstream's JobResponse: the job's fields in wire order plus what the API derives for it. */
public final class JobViews {
    private final ExecutionQueryStore executions;
    private final io.kronforce.controller.store.JobStore jobs;
    private final InstantSource clock;
    private final FireGate gate;

    /** {@code gate} judges {@code deps_satisfied} exactly as a fire would. */
    public JobViews(
            ExecutionQueryStore executions,
            io.kronforce.controller.store.JobStore jobs,
            InstantSource clock,
            FireGate gate) {
        this.executions = executions;
        this.jobs = jobs;
        this.clock = clock;
        this.gate = gate;
    }

    public ObjectNode view(Job job) {
        ObjectNode out = JobDocument.of(job);
        derived(job, out);
        return out;
    }

    private void derived(Job job, ObjectNode out) {
        ExecutionQueryStore.JobSummary summary = executions.summaryForJob(job.id());
        Optional<Execution> last = summary.latest();
        out.put(
                "next_fire_time",
                nextFire(job, last).map(i -> Times.format(i.toEpochMilli())).orElse(null));
        if (last.isPresent()) {
            Execution e = last.get();
            out.putObject("last_execution")
                    .put("id", e.id())
                    .put("status", e.status().wire())
                    .put("exit_code", e.exitCode())
                    .put("finished_at", Times.formatNullable(e.finishedAtMs()));
        } else {
            out.putNull("last_execution");
        }
        out.putObject("execution_counts")
                .put("total", summary.total())
                .put("succeeded", summary.succeeded())
                .put("failed", summary.failed());
        dependencies(job, out);
    }

    private Optional<Instant> nextFire(Job job, Optional<Execution> last) {
        if (job.status() != io.kronforce.controller.domain.JobStatus.SCHEDULED) {
            return Optional.empty();
        }
        boolean active = last.map(e -> !e.status().isTerminal()).orElse(false);
        DuePlanner.History history =
                new DuePlanner.History(active, last.map(Execution::finishedAtMs).orElse(null));
        return Schedules.nextFire(Timing.of(job.spec()), clock.instant(), history);
    }

    private void dependencies(Job job, ObjectNode out) {
        List<Dependency> deps = job.spec().dependsOn();
        var status = out.putArray("deps_status");
        if (deps.isEmpty()) {
            out.put("deps_satisfied", true);
            return;
        }
        Map<String, String> names = jobs.namesOf(job.spec().dependencyIds());
        boolean all = true;
        for (Dependency d : deps) {
            String id = d.jobId();
            boolean ok = gate.satisfied(id, d.withinSecs(), clock.millis());
            all &= ok;
            status.addObject()
                    .put("job_id", id)
                    .put("job_name", names.get(id))
                    .put("within_secs", d.withinSecs())
                    .put("satisfied", ok);
        }
        out.put("deps_satisfied", all);
    }
}
