package io.kronforce.controller.dashboard;

import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.store.DashboardStore;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executions per minute (the dashboard's timeline) and what one minute held. Minutes are UTC and
 * labelled {@code YYYY-MM-DDTHH:MM}, as upstream; an execution counts in the minute it started.
 */
public final class Timeline {
    /** The longest range a timeline may ask for: one day of minutes. */
    public static final int MAX_MINUTES = 1440;

    private static final DateTimeFormatter LABEL =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm").withResolverStyle(ResolverStyle.STRICT);

    /** One minute: {@code failed} counts failed and timed_out, {@code other} everything but succeeded and those. */
    public record Bucket(String time, long succeeded, long failed, long other) {}

    /** One job's executions with one status in a minute. */
    public record Detail(String jobName, String status, long count) {}

    private final DashboardStore store;
    private final JobCatalog jobs;
    private final InstantSource clock;

    public Timeline(DashboardStore store, JobCatalog jobs, InstantSource clock) {
        this.store = store;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * The last {@code minutes} minutes up to and including the current one, oldest first, every
     * minute present; {@code jobId} null for all jobs.
     *
     * @throws KronforceException.InvalidInput minutes outside 1..1440
     * @throws KronforceException.NotFound unknown job
     */
    public List<Bucket> lastMinutes(Principal who, int minutes, String jobId) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new KronforceException.InvalidInput("minutes", "minutes must be between 1 and " + MAX_MINUTES);
        }
        if (jobId != null) {
            jobs.require(who, jobId);
        }
        long current = clock.millis() / 60_000 * 60_000;
        long from = current - (minutes - 1) * 60_000L;
        Map<Long, long[]> counts = new LinkedHashMap<>();
        for (long m = from; m <= current; m += 60_000) {
            counts.put(m, new long[3]);
        }
        for (DashboardStore.MinuteCount row : store.perMinute(from, current + 60_000, jobId, who.scope())) {
            long[] c = counts.get(row.minuteMs());
            if (c != null) {
                c[slot(row.status())] += row.count();
            }
        }
        List<Bucket> out = new ArrayList<>(counts.size());
        counts.forEach((m, c) -> out.add(new Bucket(label(m), c[0], c[1], c[2])));
        return out;
    }

    /**
     * Per job and status, what started in the minute labelled {@code bucket}, largest first.
     *
     * @throws KronforceException.InvalidInput a label that is not {@code YYYY-MM-DDTHH:MM}
     */
    public List<Detail> minute(Principal who, String bucket) {
        long from;
        try {
            from = LocalDateTime.parse(bucket, LABEL).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new KronforceException.InvalidInput("bucket", "bucket must be a UTC minute as YYYY-MM-DDTHH:MM");
        }
        return store.perJob(from, from + 60_000, who.scope()).stream()
                .map(r -> new Detail(r.jobName(), r.status(), r.count()))
                .toList();
    }

    private static int slot(String status) {
        return switch (status) {
            case "succeeded" -> 0;
            case "failed", "timed_out" -> 1;
            default -> 2;
        };
    }

    private static String label(long minuteMs) {
        return LABEL.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(minuteMs), ZoneOffset.UTC));
    }
}
