package io.kronforce.controller.schedule;

import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.spec.JobSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A job's daily SLA instants: the deadline ({@code sla_deadline}, "HH:MM") in the job's
 * {@code timezone} — upstream reads it as UTC whatever the zone — and the warning
 * {@code sla_warning_mins} before it. A deadline that falls in a spring-forward gap moves forward
 * by the gap; one in a fall-back overlap takes the first occurrence. Pure and immutable.
 */
public record SlaTimes(LocalTime deadline, int warningMins, ZoneId zone) {

    /** Which check an instant is. */
    public enum Kind {
        WARNING(EventKind.SLA_WARNING, "warning"),
        BREACH(EventKind.SLA_BREACH, "error");

        private final EventKind eventKind;
        private final String severity;

        Kind(EventKind eventKind, String severity) {
            this.eventKind = eventKind;
            this.severity = severity;
        }

        public EventKind eventKind() {
            return eventKind;
        }

        public String severity() {
            return severity;
        }
    }

    /** One check: its kind, its instant, and the local deadline it belongs to. */
    public record Check(Kind kind, long atMs, ZonedDateTime deadline) {}

    /** The job's SLA, when it has a deadline. */
    public static Optional<SlaTimes> of(JobSpec spec) {
        if (spec.sla().deadline() == null) {
            return Optional.empty();
        }
        return Optional.of(new SlaTimes(
                LocalTime.parse(spec.sla().deadline()),
                spec.sla().warningMins(),
                Timing.of(spec).zone()));
    }

    /** The checks of one local day, warning first. */
    public List<Check> on(LocalDate day) {
        ZonedDateTime at = ZonedDateTime.of(day, deadline, zone);
        List<Check> out = new ArrayList<>(2);
        if (warningMins > 0) {
            out.add(new Check(Kind.WARNING, at.toInstant().toEpochMilli() - warningMins * 60_000L, at));
        }
        out.add(new Check(Kind.BREACH, at.toInstant().toEpochMilli(), at));
        return out;
    }

    /** The first check strictly after {@code afterMs}. */
    public Check next(long afterMs) {
        return around(afterMs).stream()
                .filter(c -> c.atMs() > afterMs)
                .min(Comparator.comparingLong(Check::atMs))
                .orElseThrow();
    }

    /** The checks whose instant is in {@code (nowMs − graceMs, nowMs]}: the ones to act on now. */
    public List<Check> dueAt(long nowMs, long graceMs) {
        return around(nowMs).stream()
                .filter(c -> c.atMs() <= nowMs && c.atMs() > nowMs - graceMs)
                .sorted(Comparator.comparingLong(Check::atMs))
                .toList();
    }

    /** Checks of the days around an instant: wide enough for any warning (a day at most before its deadline). */
    private List<Check> around(long ms) {
        LocalDate today = Instant.ofEpochMilli(ms).atZone(zone).toLocalDate();
        List<Check> out = new ArrayList<>();
        for (int d = -2; d <= 2; d++) {
            out.addAll(on(today.plusDays(d)));
        }
        return out;
    }
}
