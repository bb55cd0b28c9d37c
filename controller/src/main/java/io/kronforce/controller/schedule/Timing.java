package io.kronforce.controller.schedule;

import io.kronforce.controller.domain.spec.JobSpec;
import io.kronforce.controller.domain.spec.Schedule;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The part of a job spec that decides when it fires: the schedule, the zone its cron and calendar
 * are read in (UTC unless {@code timezone} says otherwise), the {@code starts_at}/{@code expires_at}
 * window and the misfire policy. Immutable.
 *
 * @param startsAtMs  null when unbounded
 * @param expiresAtMs null when unbounded
 */
public record Timing(Schedule schedule, ZoneId zone, Long startsAtMs, Long expiresAtMs, MisfirePolicy misfire) {

    /** A job's timing, from its typed spec. */
    public static Timing of(JobSpec spec) {
        return new Timing(
                spec.schedule(),
                spec.timezone() == null ? ZoneOffset.UTC : ZoneId.of(spec.timezone()),
                epochMs(spec.startsAt()),
                epochMs(spec.expiresAt()),
                MisfirePolicy.parse(spec.misfirePolicy()).orElse(MisfirePolicy.DEFAULT));
    }

    private static Long epochMs(String v) {
        return v == null ? null : OffsetDateTime.parse(v).toInstant().toEpochMilli();
    }

    public String type() {
        return schedule.type();
    }

    /** Parses the cron expression in this timing's zone; only for {@code type() == "cron"}. */
    public CronSchedule cron() {
        return CronSchedule.parse(((Schedule.Cron) schedule).expression(), zone);
    }

    /**
     * The instants a cron or calendar schedule fires at, read in this timing's zone; only for
     * {@code type()} {@code "cron"} or {@code "calendar"}.
     */
    public FireTimes fireTimes() {
        return schedule instanceof Schedule.Calendar c ? CalendarSchedule.of(c.value(), zone) : cron();
    }

    public long intervalMs() {
        return ((Schedule.Interval) schedule).intervalSecs() * 1000;
    }

    public boolean expiredAt(long nowMs) {
        return expiresAtMs != null && nowMs > expiresAtMs;
    }

    public boolean inWindow(long atMs) {
        return (startsAtMs == null || atMs >= startsAtMs) && (expiresAtMs == null || atMs <= expiresAtMs);
    }
}
