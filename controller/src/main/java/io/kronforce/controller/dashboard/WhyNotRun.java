package io.kronforce.controller.dashboard;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.store.DashboardStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Why didn't it run?" for one job and time range, from what the controller already records:
 * the rows the gate and the scheduler write for every refused or dropped fire (status
 * {@code skipped} with the reason, {@code queued}, {@code pending_approval}), retry attempts, and
 * the job's SLA, retry and loop-guard events. Nothing is inferred that was not recorded.
 */
public final class WhyNotRun {
    /** The longest range one request may cover. */
    public static final long MAX_RANGE_MS = 31L * 24 * 3600 * 1000;

    static final long DEFAULT_RANGE_MS = 24L * 3600 * 1000;
    /** Most items one answer lists; {@code truncated} says when there were more. */
    public static final int LIMIT = 500;
    // A slot's row is written when the scheduler reaches it, at or after the slot: a row for a slot in the
    // range can be recorded up to this long after the range ends (a controller that was down a while).
    private static final long LATE_RECORD_MS = 24L * 3600 * 1000;
    private static final Pattern LAG = Pattern.compile("^missed: (\\d+) s late");
    private static final Set<String> EVENT_KINDS = Set.of(
            "sla.warning",
            "sla.breach",
            "execution.retry_scheduled",
            "execution.retries_exhausted",
            "schedule.misfire_skipped",
            "trigger.loop_stopped");

    /**
     * One reason a fire did not happen (or not as planned).
     *
     * @param kind {@code misfire}, {@code paused}, {@code calendar_skip}, {@code dependency_wait},
     *     {@code concurrency_refused}, {@code concurrency_queued}, {@code pending_approval}, {@code skipped},
     *     {@code retry}, {@code retry_scheduled}, {@code retries_exhausted}, {@code sla_warning},
     *     {@code sla_breach}, {@code misfire_summary} or {@code loop_stopped}
     * @param atMs the slot for scheduled fires, else when it was recorded
     * @param lagSecs how late the scheduler reached a missed slot (misfire only)
     */
    public record Item(
            String kind,
            long atMs,
            Long slotMs,
            Long lagSecs,
            String reason,
            String executionId,
            String eventId,
            Integer attempt) {}

    /** The answer: the items newest first and how many of each kind. */
    public record Report(
            Job job, long sinceMs, long untilMs, List<Item> items, Map<String, Long> counts, boolean truncated) {}

    private final DashboardStore store;
    private final JobCatalog jobs;
    private final InstantSource clock;

    public WhyNotRun(DashboardStore store, JobCatalog jobs, InstantSource clock) {
        this.store = store;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * Both ends of the range are included.
     *
     * @param sinceMs null: a day before {@code untilMs}
     * @param untilMs null: now
     * @throws KronforceException.NotFound unknown job
     * @throws KronforceException.InvalidInput an empty, reversed or longer than 31-day range
     */
    public Report explain(Principal who, String jobId, Long sinceMs, Long untilMs) {
        Job job = jobs.require(who, jobId);
        long until = untilMs == null ? clock.millis() : untilMs;
        long since = sinceMs == null ? until - DEFAULT_RANGE_MS : sinceMs;
        if (since >= until) {
            throw new KronforceException.InvalidInput("since", "since must be before until");
        }
        if (until - since > MAX_RANGE_MS) {
            throw new KronforceException.InvalidInput("since", "the range may cover at most 31 days");
        }
        List<Item> items = new ArrayList<>();
        for (DashboardStore.NotableRun r : store.notableRuns(jobId, since, until + LATE_RECORD_MS, LIMIT + 1)) {
            long at = r.scheduledForMs() != null ? r.scheduledForMs() : r.createdAtMs();
            if (at >= since && at <= until) {
                items.add(fromRun(r, at));
            }
        }
        for (Event e : store.jobEvents(jobId, EVENT_KINDS, since, until + 1, LIMIT + 1)) {
            items.add(new Item(
                    e.kind()
                            .replace("execution.", "")
                            .replace("schedule.", "")
                            .replace("trigger.", "")
                            .replace('.', '_')
                            .replace("misfire_skipped", "misfire_summary"),
                    e.timestampMs(),
                    null,
                    null,
                    e.message(),
                    e.executionId(),
                    e.id(),
                    null));
        }
        items.sort(Comparator.comparingLong(Item::atMs).reversed());
        boolean truncated = items.size() > LIMIT;
        List<Item> shown = truncated ? List.copyOf(items.subList(0, LIMIT)) : List.copyOf(items);
        Map<String, Long> counts = new LinkedHashMap<>();
        shown.forEach(i -> counts.merge(i.kind(), 1L, Long::sum));
        return new Report(job, since, until, shown, counts, truncated);
    }

    private static Item fromRun(DashboardStore.NotableRun r, long at) {
        String reason = r.reason() == null ? "" : r.reason();
        return switch (r.status()) {
            case "queued" ->
                new Item(
                        "concurrency_queued",
                        at,
                        r.scheduledForMs(),
                        null,
                        "waiting for a free slot under max_concurrent",
                        r.id(),
                        null,
                        null);
            case "pending_approval" ->
                new Item(
                        "pending_approval",
                        at,
                        r.scheduledForMs(),
                        null,
                        "waiting for a human to approve",
                        r.id(),
                        null,
                        null);
            case "skipped" -> skipped(r, at, reason);
            default ->
                new Item(
                        "retry",
                        at,
                        r.scheduledForMs(),
                        null,
                        "attempt " + r.attempt() + " (retry of " + r.retryOf() + "), " + r.status(),
                        r.id(),
                        null,
                        r.attempt());
        };
    }

    private static Item skipped(DashboardStore.NotableRun r, long at, String reason) {
        Matcher lag = LAG.matcher(reason);
        if (lag.find()) {
            return new Item(
                    "misfire", at, r.scheduledForMs(), Long.parseLong(lag.group(1)), reason, r.id(), null, null);
        }
        String kind;
        if (reason.equals("skipped: the job was paused")) {
            kind = "paused";
        } else if (reason.startsWith("dependency '")) {
            kind = "dependency_wait";
        } else if (reason.startsWith("max_concurrent ")) {
            kind = "concurrency_refused";
        } else if (reason.startsWith("skipped: ") && r.scheduledForMs() != null) {
            kind = "calendar_skip";
        } else {
            kind = "skipped";
        }
        return new Item(kind, at, r.scheduledForMs(), null, reason, r.id(), null, null);
    }
}
