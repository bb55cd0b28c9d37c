package io.kronforce.controller.firing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.schedule.DuePlanner;
import io.kronforce.controller.schedule.Timing;
import io.kronforce.controller.schedule.Upcoming;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.JobPlanStore;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * {@code GET /api/jobs/{id}/upcoming}: a job's next fires and the slots it missed, with what its
 * misfire policy would do with them if the scheduler looked now (a preview of a restart after
 * downtime). Reads only; the decisions are {@link Upcoming}'s, that is the scheduler's own planner.
 */
public final class FirePreview {
    public static final int DEFAULT_COUNT = 10;
    public static final int MAX_COUNT = 100;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final JobPlanStore plans;
    private final ExecutionStore executions;
    private final InstantSource clock;

    public FirePreview(JobPlanStore plans, ExecutionStore executions, InstantSource clock) {
        this.plans = plans;
        this.executions = executions;
        this.clock = clock;
    }

    /** The preview of up to {@code count} (1–{@value #MAX_COUNT}) future fires and the missed slots. */
    public ObjectNode preview(Principal who, String jobId, int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new KronforceException.InvalidInput("count", "count must be between 1 and " + MAX_COUNT);
        }
        JobPlanStore.Planned planned = plans.findPlanned(jobId)
                .filter(p -> who.scope().admits(p.job().group()))
                .orElseThrow(JobCatalog::notFound);
        Job job = planned.job();
        Timing timing = Timing.of(job.spec());
        long now = clock.millis();
        DuePlanner.History history = history(job.id(), timing);
        ObjectNode out = JsonNodeFactory.instance
                .objectNode()
                .put("job_id", job.id())
                .put("schedule_type", timing.type())
                .put("timezone", timing.zone().getId())
                .put("status", job.status().wire())
                .put("misfire_policy", timing.misfire().wire());
        Upcoming.Forecast forecast = job.status() == JobStatus.SCHEDULED
                ? Upcoming.next(timing, history, now, count)
                : new Upcoming.Forecast(
                        List.of(), false, "the job is " + job.status().wire());
        ArrayNode upcoming = out.putArray("upcoming");
        forecast.firesMs().forEach(at -> instant(upcoming.addObject(), at, timing.zone()));
        out.put("estimate", forecast.estimate()).put("reason", forecast.reason());
        // A paused job keeps no plan (pausing clears it), so it has nothing missed either.
        Upcoming.Missed missed = job.status() == JobStatus.SCHEDULED
                ? Upcoming.missed(timing, history, planned.nextFireMs(), now, MAX_COUNT)
                : Upcoming.Missed.NONE;
        missed(out.putObject("missed"), missed, planned.nextFireMs(), now, timing.zone());
        return out;
    }

    private DuePlanner.History history(String jobId, Timing timing) {
        if (!"interval".equals(timing.type())) {
            return DuePlanner.History.NONE; // only interval schedules look at runs
        }
        ExecutionStore.RunHistory h = executions.runHistory(jobId);
        return new DuePlanner.History(h.active(), h.lastFinishedMs());
    }

    private static void missed(ObjectNode out, Upcoming.Missed m, Long persistedMs, long now, ZoneId zone) {
        out.put("since", persistedMs == null || persistedMs > now ? null : Times.format(persistedMs))
                .put("total", m.total())
                .put("capped", m.capped())
                .put("would_skip", m.skipped());
        ArrayNode run = out.putArray("would_run");
        m.runMs().forEach(at -> run.add(Times.format(at)));
        ArrayNode slots = out.putArray("slots");
        for (Upcoming.Slot s : m.slots()) {
            instant(slots.addObject(), s.atMs(), zone)
                    .put("late_secs", (now - s.atMs()) / 1000)
                    .put("action", s.runs() ? "run" : "skip");
        }
        out.put("next_fire_after", Times.formatNullable(m.nextMs()));
    }

    private static ObjectNode instant(ObjectNode out, long atMs, ZoneId zone) {
        return out.put("at", Times.format(atMs))
                .put("local", LOCAL.format(Instant.ofEpochMilli(atMs).atZone(zone)));
    }
}
