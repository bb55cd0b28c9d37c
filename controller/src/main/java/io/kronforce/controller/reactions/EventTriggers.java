package io.kronforce.controller.reactions;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.spec.Schedule;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.firing.TriggerChain;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.schedule.ScheduleChanges;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.TriggerStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Event-triggered jobs (docs/reference/events.md#event-triggered-jobs). Every committed event of every kind is offered
 * here; the {@code scheduled} jobs with an event schedule are kept in an in-memory index, updated per job
 * change, so an event costs a pass over those jobs only — never a scan of all jobs. Loop guard:
 * a job never fires from an event its own execution caused, and chains stop at
 * {@link TriggerChain#MAX_DEPTH} with a {@code trigger.loop_stopped} warning. Runs on the
 * publishing thread, outside any transaction. Thread-safe (concurrent index).
 */
public final class EventTriggers implements Consumer<Event>, ScheduleChanges {
    private final Map<String, Job> index = new ConcurrentHashMap<>();
    private final Database db;
    private final TriggerStore store;
    private final JobCatalog jobs;
    private final ExecutionControl control;
    private final TriggerChain chain;
    private final EventLog events;

    public EventTriggers(
            Database db,
            TriggerStore store,
            JobCatalog jobs,
            ExecutionControl control,
            ExecutionStore executions,
            EventLog events) {
        this.db = db;
        this.store = store;
        this.jobs = jobs;
        this.control = control;
        this.chain = new TriggerChain(executions);
        this.events = events;
    }

    /** Builds the index from the database (start-up). */
    public EventTriggers load() {
        store.eventScheduled().forEach(this::jobChanged);
        return this;
    }

    /**
     * A saved job that is not event-scheduled and not in the index needs nothing: a create of an
     * ordinary job costs no read. Anything else is re-read (racing edits settle on the stored one).
     */
    @Override
    public void jobSaved(Job saved, Long plannedFireMs) {
        if (saved.spec().schedule() instanceof Schedule.Event || index.containsKey(saved.id())) {
            jobChanged(saved.id());
        }
    }

    @Override
    public void jobChanged(String jobId) {
        Optional<Job> job = jobs.find(jobId)
                .filter(j -> j.status() == JobStatus.SCHEDULED && j.spec().schedule() instanceof Schedule.Event);
        job.ifPresentOrElse(j -> index.put(jobId, j), () -> index.remove(jobId));
    }

    @Override
    public void accept(Event event) {
        if (index.isEmpty()) {
            return;
        }
        Supplier<String> jobName = memo(event);
        List<Job> matched = index.values().stream()
                .filter(j -> EventMatch.matches((Schedule.Event) j.spec().schedule(), event, jobName))
                .toList();
        if (matched.isEmpty()) {
            return;
        }
        Optional<Execution> origin = chain.origin(event);
        int depth = TriggerChain.depth(origin);
        if (depth >= TriggerChain.MAX_DEPTH) {
            stopped(event, depth);
            return;
        }
        String originJob = origin.map(Execution::jobId).orElse(null);
        for (Job job : matched) {
            // Never from an event its own execution caused: that is the one-hop self loop.
            if (!job.id().equals(event.jobId()) && !job.id().equals(originJob)) {
                control.fire(job, TriggerChain.byEvent(event, depth + 1));
            }
        }
    }

    /** The event job's name, looked up at most once and only if some job's filter asks for it. */
    private Supplier<String> memo(Event event) {
        String[] name = new String[1];
        return () -> {
            if (name[0] == null && event.jobId() != null) {
                name[0] = jobs.find(event.jobId()).map(Job::name).orElse("");
            }
            return name[0];
        };
    }

    private void stopped(Event event, int depth) {
        if (event.is(EventKind.TRIGGER_LOOP_STOPPED)) {
            return; // its own warning must not raise another
        }
        Optional<Event> warning = db.write(c -> events.write(
                c,
                Principal.SYSTEM,
                EventKind.TRIGGER_LOOP_STOPPED,
                "warning",
                "Event chain stopped at depth " + depth + ": event " + event.id() + " (" + event.kind()
                        + ") would trigger jobs again",
                new EventLog.Subject(event.jobId(), event.executionId(), null, event.id())));
        events.publish(warning.stream().toList());
    }
}
