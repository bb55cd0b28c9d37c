package io.kronforce.controller.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.spec.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates upstream's adjacently tagged schedule JSON ({@code {"type":…,"value":…}}) and computes
 * the next fire time a job response shows. Throws {@link ScheduleException} with a caller-facing
 * message for anything invalid.
 */
public final class Schedules {
    private static final Set<String> ROLLS = Set.of("skip", "forward", "backward");
    private static final Set<String> SEVERITIES = Set.of("info", "success", "warning", "error");
    private static final Pattern ANCHOR = Pattern.compile(
            "last_day|day_([1-9]|[12]\\d|3[01])|nth_weekday|(first|last)_(mon|tue|wed|thu|fri|sat|sun)[a-z]*");
    private static final Pattern WEEKDAY =
            Pattern.compile("(?i)mon(day)?|tue(sday)?|wed(nesday)?|thu(rsday)?|fri(day)?|sat(urday)?|sun(day)?");

    private Schedules() {}

    /** A schedule that cannot be accepted; the message names the problem. */
    public static final class ScheduleException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ScheduleException(String message) {
            super(message, null, false, false);
        }
    }

    /** Returns the schedule in canonical form ({@code manual} becomes {@code on_demand}). */
    public static ObjectNode normalize(JsonNode schedule) {
        if (schedule == null || !schedule.isObject() || !schedule.path("type").isTextual()) {
            throw new ScheduleException("schedule must be an object with a string 'type'");
        }
        String type = schedule.get("type").asText();
        JsonNode value = schedule.get("value");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        switch (type) {
            case "cron" -> out.put("type", "cron").put("value", cron(value));
            case "one_shot" -> out.put("type", "one_shot").put("value", oneShot(value));
            case "on_demand", "manual" -> out.put("type", "on_demand");
            case "interval" -> out.put("type", "interval").set("value", interval(value));
            case "event" -> out.put("type", "event").set("value", event(value));
            case "calendar" -> out.put("type", "calendar").set("value", calendar(value));
            default ->
                throw new ScheduleException("unknown schedule type '" + type
                        + "' (expected cron, one_shot, on_demand, event, calendar or interval)");
        }
        return out;
    }

    private static String cron(JsonNode value) {
        if (value == null || !value.isTextual()) {
            throw new ScheduleException("cron schedule needs a string 'value'");
        }
        try {
            CronSchedule.parse(value.asText(), ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw new ScheduleException(e.getMessage());
        }
        return value.asText().trim();
    }

    private static String oneShot(JsonNode value) {
        if (value == null || !value.isTextual()) {
            throw new ScheduleException("one_shot schedule needs an RFC 3339 'value'");
        }
        try {
            return Instant.parse(java.time.OffsetDateTime.parse(value.asText())
                            .toInstant()
                            .toString())
                    .toString();
        } catch (DateTimeParseException e) {
            throw new ScheduleException("one_shot value '" + value.asText() + "' is not an RFC 3339 timestamp");
        }
    }

    private static ObjectNode interval(JsonNode value) {
        JsonNode secs = value == null ? null : value.get("interval_secs");
        if (secs == null || !secs.canConvertToLong() || !secs.isIntegralNumber() || secs.asLong() < 1) {
            throw new ScheduleException("interval schedule needs a positive integer 'interval_secs'");
        }
        return JsonNodeFactory.instance.objectNode().put("interval_secs", secs.asLong());
    }

    private static ObjectNode event(JsonNode value) {
        if (value == null
                || !value.isObject()
                || !value.path("kind_pattern").isTextual()
                || value.get("kind_pattern").asText().isBlank()) {
            throw new ScheduleException("event schedule needs a non-empty 'kind_pattern'");
        }
        ObjectNode out = JsonNodeFactory.instance
                .objectNode()
                .put("kind_pattern", value.get("kind_pattern").asText());
        JsonNode severity = value.get("severity");
        if (severity != null && !severity.isNull()) {
            if (!SEVERITIES.contains(severity.asText())) {
                throw new ScheduleException("event severity must be one of info, success, warning, error");
            }
            out.put("severity", severity.asText());
        }
        JsonNode filter = value.get("job_name_filter");
        if (filter != null && !filter.isNull()) {
            out.put("job_name_filter", filter.asText());
        }
        return out;
    }

    private static ObjectNode calendar(JsonNode value) {
        if (value == null
                || !value.isObject()
                || !value.path("anchor").isTextual()
                || !ANCHOR.matcher(value.get("anchor").asText()).matches()) {
            throw new ScheduleException("calendar schedule needs an 'anchor' such as last_day, day_15, first_monday,"
                    + " last_friday or nth_weekday");
        }
        ObjectNode out = value.deepCopy();
        out.put("offset_days", intIn(value, "offset_days", -366, 366, 0));
        out.put("hour", intIn(value, "hour", 0, 23, 0));
        out.put("minute", intIn(value, "minute", 0, 59, 0));
        if ("nth_weekday".equals(value.get("anchor").asText())) {
            intIn(value, "nth", 1, 5, null);
            if (!WEEKDAY.matcher(value.path("weekday").asText("")).matches()) {
                throw new ScheduleException("calendar nth_weekday needs a 'weekday' such as monday");
            }
        }
        value.path("months").forEach(m -> {
            if (!m.isIntegralNumber() || m.asInt() < 1 || m.asInt() > 12) {
                throw new ScheduleException("calendar months must be numbers 1 to 12");
            }
        });
        value.path("holidays").forEach(Schedules::holiday);
        out.put("skip_weekends", value.path("skip_weekends").asBoolean(false));
        out.put("roll", roll(value.get("roll")));
        fillArrays(out);
        return out;
    }

    private static void fillArrays(ObjectNode out) {
        if (!out.has("months")) {
            out.putArray("months");
        }
        if (!out.has("holidays")) {
            out.putArray("holidays");
        }
    }

    /** Beyond upstream: what a run on a weekend or holiday does — dropped (default) or moved to a business day. */
    private static String roll(JsonNode roll) {
        if (roll == null || roll.isNull()) {
            return "skip";
        }
        if (!roll.isTextual() || !ROLLS.contains(roll.asText())) {
            throw new ScheduleException("calendar 'roll' must be skip, forward or backward");
        }
        return roll.asText();
    }

    private static void holiday(JsonNode day) {
        try {
            LocalDate.parse(day.asText());
        } catch (DateTimeParseException e) {
            throw new ScheduleException("calendar holiday '" + day.asText() + "' is not YYYY-MM-DD");
        }
    }

    private static int intIn(JsonNode value, String field, int min, int max, Integer fallback) {
        JsonNode n = value.get(field);
        if (n == null || n.isNull()) {
            if (fallback == null) {
                throw new ScheduleException("calendar needs '" + field + "'");
            }
            return fallback;
        }
        if (!n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
            throw new ScheduleException("calendar '" + field + "' must be a whole number from " + min + " to " + max);
        }
        return n.asInt();
    }

    /**
     * When a job with this schedule fires next, as a response shows it: what {@link DuePlanner#first}
     * plans, read in {@code timing}'s zone and window. A job whose run is active (interval) or
     * whose schedule never fires by itself (on-demand, event) or has no fire within its horizon → empty;
     * a one-shot already past is due now.
     */
    public static Optional<Instant> nextFire(Timing timing, Instant now, DuePlanner.History history) {
        Long next = DuePlanner.first(timing, history, now.toEpochMilli()).nextMs();
        return Optional.ofNullable(next).filter(timing::inWindow).map(Instant::ofEpochMilli);
    }

    /** {@link #nextFire(Timing, Instant, DuePlanner.History)} for a bare schedule in UTC, no window. */
    public static Optional<Instant> nextFire(JsonNode schedule, Instant now, Optional<Instant> lastFinished) {
        Timing timing = new Timing(Schedule.parse(schedule), ZoneOffset.UTC, null, null, MisfirePolicy.DEFAULT);
        return nextFire(
                timing,
                now,
                new DuePlanner.History(
                        false, lastFinished.map(Instant::toEpochMilli).orElse(null)));
    }
}
