package io.kronforce.controller.reactions;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.schedule.Firings;
import io.kronforce.controller.schedule.SlaTimes;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.JobPlanStore;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * SLA deadlines (docs/reference/scheduling.md) on a timer instead of upstream's 10-second poll: a {@code TickLoop}
 * keyed by job id wakes at each job's next warning or deadline, in the job's time zone. At a
 * check, every run of the job that has not finished gets {@code sla.warning} (severity warning)
 * or {@code sla.breach} (error) — once per run, by the unique index on (execution, kind) — and
 * the events are published, so they reach event triggers and notification rules (upstream only
 * logs them). A check acts within {@value #GRACE_MS} ms of its instant; one missed while the
 * controller was down is not raised late. Thread-safe.
 */
public final class SlaWatch implements Firings {
    static final long GRACE_MS = 60_000;
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Database db;
    private final JobPlanStore plans;
    private final JobCatalog jobs;
    private final ExecutionStore executions;
    private final EventLog events;
    private final InstantSource clock;

    public SlaWatch(
            Database db,
            JobPlanStore plans,
            JobCatalog jobs,
            ExecutionStore executions,
            EventLog events,
            InstantSource clock) {
        this.db = db;
        this.plans = plans;
        this.jobs = jobs;
        this.executions = executions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<Due> persisted() {
        long now = clock.millis();
        List<Due> out = new ArrayList<>();
        for (String id : plans.withSla()) {
            jobs.find(id)
                    .flatMap(j -> SlaTimes.of(j.spec()))
                    .ifPresent(sla -> out.add(new Due(id, sla.next(now).atMs())));
        }
        return out;
    }

    /** Only a job with an SLA has checks to plan. */
    @Override
    public boolean concerns(Job saved) {
        return SlaTimes.of(saved.spec()).isPresent();
    }

    @Override
    public List<String> unplanned() {
        return List.of();
    }

    @Override
    public OptionalLong advance(String jobId, long nowMs) {
        Optional<Job> job = jobs.find(jobId);
        Optional<SlaTimes> sla = job.flatMap(j -> SlaTimes.of(j.spec()));
        if (sla.isEmpty()) {
            return OptionalLong.empty(); // deleted, or its SLA removed
        }
        List<SlaTimes.Check> due = sla.get().dueAt(nowMs, GRACE_MS);
        if (!due.isEmpty()) {
            check(job.get(), due);
        }
        return OptionalLong.of(sla.get().next(nowMs).atMs());
    }

    private void check(Job job, List<SlaTimes.Check> due) {
        List<String> open = executions.unfinished(job.id());
        if (open.isEmpty()) {
            return;
        }
        List<Event> written = db.write(c -> {
            List<Event> out = new ArrayList<>();
            for (SlaTimes.Check check : due) {
                for (String executionId : open) {
                    events.write(
                                    c,
                                    Principal.SYSTEM,
                                    check.kind().eventKind(),
                                    check.kind().severity(),
                                    message(job, executionId, check),
                                    new EventLog.Subject(
                                            job.id(),
                                            executionId,
                                            null,
                                            check.deadline().toOffsetDateTime().toString()))
                            .ifPresent(out::add);
                }
            }
            return out;
        });
        events.publish(written);
    }

    private static String message(Job job, String executionId, SlaTimes.Check check) {
        String deadline =
                check.deadline().format(HH_MM) + " " + check.deadline().getZone();
        return check.kind() == SlaTimes.Kind.WARNING
                ? "SLA warning: job '" + job.name() + "' execution " + executionId + " has not finished; deadline "
                        + deadline
                : "SLA breach: job '" + job.name() + "' execution " + executionId + " missed its deadline " + deadline;
    }
}
