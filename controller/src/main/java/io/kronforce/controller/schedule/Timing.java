package io.kronforce.controller.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.spec.JobSpec;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The part of a job spec that decides when it fires: the schedule JSON (already normalised),
 * the zone its cron and calendar are read in (UTC unless {@code timezone} says otherwise), the
 * {@code starts_at}/{@code expires_at} window and the misfire policy. Immutable.
 *
 * @param startsAtMs  null when unbounded
 * @param expiresAtMs null when unbounded
 */
public record Timing(JsonNode schedule, ZoneId zone, Long startsAtMs, Long expiresAtMs, MisfirePolicy misfire) {

    /** A job's timing, from its typed spec. */
    public static Timing of(JobSpec spec) {
        return new Timing(spec.schedule().toJson(), spec.timezone() == null ? ZoneOffset.UTC : ZoneId.of(spec.timezone()),
                epochMs(spec.startsAt()), epochMs(spec.expiresAt()),
                MisfirePolicy.parse(spec.misfirePolicy()).orElse(MisfirePolicy.DEFAULT));
    }

    /** Reads a spec document that is not a stored job (an example, or a fragment in a test). */
    public static Timing of(JsonNode spec) {
        String zone = spec.path("timezone").asText(null);
        return new Timing(spec.path("schedule"), zone == null ? ZoneOffset.UTC : ZoneId.of(zone),
                epochMs(spec.get("starts_at")), epochMs(spec.get("expires_at")),
                MisfirePolicy.parse(spec.path("misfire_policy").asText()).orElse(MisfirePolicy.DEFAULT));
    }

    private static Long epochMs(String v) {
        return v == null ? null : OffsetDateTime.parse(v).toInstant().toEpochMilli();
    }

    private static Long epochMs(JsonNode v) {
        return v == null || !v.isTextual() ? null : OffsetDateTime.parse(v.asText()).toInstant().toEpochMilli();
    }

    public String type() {
        return schedule.path("type").asText();
    }

    /** Parses the cron expression in this timing's zone; only for {@code type() == "cron"}. */
    public CronSchedule cron() {
        return CronSchedule.parse(schedule.path("value").asText(), zone);
    }

    /**
     * The instants a cron or calendar schedule fires at, read in this timing's zone; only for
     * {@code type()} {@code "cron"} or {@code "calendar"}.
     */
    public FireTimes fireTimes() {
        return "calendar".equals(type()) ? CalendarSchedule.of(schedule.path("value"), zone) : cron();
    }

    public long intervalMs() {
        return schedule.path("value").path("interval_secs").asLong() * 1000;
    }

    public boolean expiredAt(long nowMs) {
        return expiresAtMs != null && nowMs > expiresAtMs;
    }

    public boolean inWindow(long atMs) {
        return (startsAtMs == null || atMs >= startsAtMs) && (expiresAtMs == null || atMs <= expiresAtMs);
    }
}
