package io.kronforce.controller.firing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.executions.FireGate;
import io.kronforce.controller.executions.PreparedRun;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.schedule.CronSchedule;
import io.kronforce.controller.schedule.Firings;
import io.kronforce.controller.store.GroupStore;
import io.kronforce.controller.store.JobStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Group pipelines on the scheduler's kind of timer (a {@code TickLoop} keyed by group name): when
 * a group's cron slot or interval comes, its root jobs — those with no dependency inside the
 * group, not paused — are recorded through the {@link FireGate} in the transaction that moves the
 * group's next fire on (compare-and-set), so a slot fires once even across restarts; the cascade
 * then runs the rest of the group. Cron is read in UTC; an interval counts from the last pipeline
 * fire (the first fire is immediate, as upstream). Slots missed while down fire once.
 */
public final class PipelineFirings implements Firings {
    private final Database db;
    private final GroupStore store;
    private final JobStore jobs;
    private final ExecutionControl control;
    private final FireGate gate;
    private final EventLog events;

    public PipelineFirings(
            Database db, GroupStore store, JobStore jobs, ExecutionControl control, FireGate gate, EventLog events) {
        this.db = db;
        this.store = store;
        this.jobs = jobs;
        this.control = control;
        this.gate = gate;
        this.events = events;
    }

    @Override
    public List<Due> persisted() {
        return store.planned().stream()
                .map(p -> new Due(p.group(), p.nextFireMs()))
                .toList();
    }

    @Override
    public List<String> unplanned() {
        return store.unplanned();
    }

    @Override
    public OptionalLong advance(String group, long nowMs) {
        Optional<GroupStore.Pipeline> found = store.pipeline(group);
        if (found.isEmpty()) {
            return OptionalLong.empty();
        }
        GroupStore.Pipeline p = found.get();
        if (p.nextFireMs() == null) {
            long first = following(p.schedule(), p.lastFiredMs(), nowMs);
            return moved(group, db.write(c -> store.advance(c, group, null, first, null)), first);
        }
        if (p.nextFireMs() > nowMs) {
            return OptionalLong.of(p.nextFireMs());
        }
        long next = following(p.schedule(), nowMs, nowMs);
        List<Job> roots = roots(group);
        ObjectNode by =
                JsonNodeFactory.instance.objectNode().put("type", "scheduler").put("pipeline", group);
        List<PreparedRun> runs = roots.stream()
                .map(j -> control.prepareScheduled(j, nowMs, by.deepCopy()))
                .toList();
        Fired fired = db.write(c -> {
            if (!store.advance(c, group, p.nextFireMs(), next, nowMs)) {
                return null;
            }
            List<Event> written = new ArrayList<>();
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                if (gate.admit(c, roots.get(i), runs.get(i).row(), false, null, written)
                                .orElseThrow()
                        == ExecutionStatus.PENDING) {
                    pending.add(i);
                }
            }
            events.write(
                            c,
                            Principal.SYSTEM,
                            EventKind.PIPELINE_FIRED,
                            "info",
                            "Pipeline of group '" + group + "' fired " + roots.size() + " root job(s)",
                            new EventLog.Subject(null, null, null, group))
                    .ifPresent(written::add);
            return new Fired(pending, written);
        });
        if (fired == null) {
            return store.pipeline(group).map(x -> optional(x.nextFireMs())).orElse(OptionalLong.empty());
        }
        events.publish(fired.events());
        fired.pending().forEach(i -> control.dispatchScheduled(roots.get(i), runs.get(i)));
        return OptionalLong.of(next);
    }

    private record Fired(List<Integer> pending, List<Event> events) {}

    private OptionalLong moved(String group, boolean won, long next) {
        return won
                ? OptionalLong.of(next)
                : store.pipeline(group).map(x -> optional(x.nextFireMs())).orElse(OptionalLong.empty());
    }

    /** The next fire: the cron slot after {@code afterMs}, or the last fire plus the interval (now when never fired). */
    static long following(JsonNode schedule, Long lastFiredMs, long afterMs) {
        if ("interval".equals(schedule.path("type").asText())) {
            long interval = schedule.path("value").path("interval_secs").asLong() * 1000;
            return lastFiredMs == null ? afterMs : lastFiredMs + interval;
        }
        return CronSchedule.parse(schedule.path("value").asText(), ZoneOffset.UTC)
                .nextAfter(Instant.ofEpochMilli(afterMs))
                .map(Instant::toEpochMilli)
                .orElse(Long.MAX_VALUE);
    }

    /** Jobs of the group that depend on no job of the group, and are not paused. */
    private List<Job> roots(String group) {
        List<Job> members = jobs.inGroup(group);
        Set<String> ids = new HashSet<>();
        members.forEach(j -> ids.add(j.id()));
        List<Job> roots = new ArrayList<>();
        for (Job j : members) {
            boolean inner = false;
            for (String dep : j.spec().dependencyIds()) {
                inner |= ids.contains(dep);
            }
            if (!inner && j.status() != JobStatus.PAUSED) {
                roots.add(j);
            }
        }
        return roots;
    }

    private static OptionalLong optional(Long ms) {
        return ms == null ? OptionalLong.empty() : OptionalLong.of(ms);
    }
}
