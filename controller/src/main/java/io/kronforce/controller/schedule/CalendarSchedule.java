package io.kronforce.controller.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A calendar schedule (docs/reference/scheduling.md#calendar, normalised by {@link Schedules}): at most one run per
 * month, on the anchor date of that month plus {@code offset_days}, at {@code hour:minute} in the job's
 * zone. Immutable and pure.
 *
 * <p>Unlike upstream, an offset that crosses into another month keeps the shifted date (it is a
 * real date), and {@code roll} may move a run that lands on a weekend ({@code skip_weekends}) or a
 * holiday to the next ({@code forward}) or previous ({@code backward}) business day instead of
 * dropping it ({@code skip}, the default). {@code months} filters on the anchor's month. A local
 * time that does not exist (spring-forward gap) moves forward by the gap; one that exists twice
 * (fall-back overlap) fires at the earlier of the two, as {@link ZonedDateTime#of} resolves them.
 */
public final class CalendarSchedule implements FireTimes {
    /** How far ahead (and back) a fire is looked for; past it there is no next fire. */
    public static final int HORIZON_MONTHS = 13;
    /** Most days a run is rolled looking for a business day; past it that month's run is dropped. */
    public static final int MAX_ROLL_DAYS = 31;

    /** What happens to a run that falls on a weekend (when skipped) or a holiday. */
    public enum Roll {
        SKIP,
        FORWARD,
        BACKWARD
    }

    private final Function<YearMonth, Optional<LocalDate>> anchor;
    private final int offsetDays;
    private final LocalTime at;
    private final Set<Integer> months;
    private final boolean skipWeekends;
    private final Set<LocalDate> holidays;
    private final Roll roll;
    private final ZoneId zone;

    private CalendarSchedule(JsonNode value, ZoneId zone) {
        this.anchor = anchor(value);
        this.offsetDays = value.path("offset_days").asInt(0);
        this.at = LocalTime.of(value.path("hour").asInt(0), value.path("minute").asInt(0));
        this.months = new HashSet<>();
        value.path("months").forEach(m -> months.add(m.asInt()));
        this.skipWeekends = value.path("skip_weekends").asBoolean(false);
        this.holidays = new HashSet<>();
        value.path("holidays").forEach(d -> holidays.add(LocalDate.parse(d.asText())));
        this.roll = Roll.valueOf(value.path("roll").asText("skip").toUpperCase(Locale.ROOT));
        this.zone = zone;
    }

    /** Reads a calendar value {@link Schedules#normalize} accepted; {@code zone} drives dates and times. */
    public static CalendarSchedule of(JsonNode value, ZoneId zone) {
        return new CalendarSchedule(value, zone);
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
        LocalDate from = LocalDate.ofInstant(after, zone);
        LocalDate limit = from.plusMonths(HORIZON_MONTHS);
        return candidates(from, limit).filter(i -> i.isAfter(after)).min(Instant::compareTo);
    }

    @Override
    public Optional<Instant> latestAtOrBefore(Instant atOrBefore) {
        LocalDate to = LocalDate.ofInstant(atOrBefore, zone);
        LocalDate limit = to.minusMonths(HORIZON_MONTHS);
        return candidates(limit, to).filter(i -> !i.isAfter(atOrBefore)).max(Instant::compareTo);
    }

    /**
     * The fires whose local date lies in {@code [from, to]}. A month's run lands at most
     * {@code |offset| + MAX_ROLL_DAYS} days outside that month, so only those months are looked at.
     */
    private Stream<Instant> candidates(LocalDate from, LocalDate to) {
        YearMonth first = YearMonth.from(from.minusDays(offsetDays + MAX_ROLL_DAYS));
        YearMonth last = YearMonth.from(to.minusDays(offsetDays - MAX_ROLL_DAYS));
        return Stream.iterate(first, m -> !m.isAfter(last), m -> m.plusMonths(1))
                .map(this::fireDate)
                .flatMap(Optional::stream)
                .filter(d -> !d.isBefore(from) && !d.isAfter(to))
                .map(d -> ZonedDateTime.of(d, at, zone).toInstant());
    }

    /** A run the calendar drops: its date and why (a weekend or a holiday, under {@code roll: skip}). */
    public record Dropped(Instant at, String reason) {}

    /**
     * The runs dropped in {@code (after, atOrBefore]}: months whose anchor date fell on a weekend
     * ({@code skip_weekends}) or a holiday and, under {@code roll: skip}, did not fire. The
     * scheduler records them as skipped rows so every intended run leaves a trace.
     */
    public List<Dropped> droppedBetween(Instant after, Instant atOrBefore) {
        if (roll != Roll.SKIP) {
            return List.of(); // a rolled run still fires, on another business day
        }
        LocalDate from = LocalDate.ofInstant(after, zone);
        LocalDate to = LocalDate.ofInstant(atOrBefore, zone);
        YearMonth first = YearMonth.from(from.minusDays(offsetDays));
        YearMonth last = YearMonth.from(to.minusDays(offsetDays));
        List<Dropped> out = new java.util.ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            if (!months.isEmpty() && !months.contains(m.getMonthValue())) {
                continue;
            }
            Optional<LocalDate> raw = anchor.apply(m).map(d -> d.plusDays(offsetDays));
            if (raw.isEmpty() || !isOff(raw.get())) {
                continue;
            }
            Instant at = ZonedDateTime.of(raw.get(), this.at, zone).toInstant();
            if (at.isAfter(after) && !at.isAfter(atOrBefore)) {
                out.add(new Dropped(
                        at,
                        holidays.contains(raw.get()) ? raw.get() + " is a holiday" : raw.get() + " is a weekend day"));
            }
        }
        return out;
    }

    /** The date the run for {@code month} fires on, if it fires at all. */
    Optional<LocalDate> fireDate(YearMonth month) {
        if (!months.isEmpty() && !months.contains(month.getMonthValue())) {
            return Optional.empty();
        }
        return anchor.apply(month).map(d -> d.plusDays(offsetDays)).flatMap(this::businessDay);
    }

    /** {@code date} itself when it is a business day, else what {@code roll} makes of it. */
    private Optional<LocalDate> businessDay(LocalDate date) {
        int step = switch (roll) {
            case SKIP -> 0;
            case FORWARD -> 1;
            case BACKWARD -> -1;
        };
        for (int i = 0; i <= MAX_ROLL_DAYS; i++) {
            LocalDate d = date.plusDays((long) i * step);
            if (!isOff(d)) {
                return Optional.of(d);
            }
            if (step == 0) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private boolean isOff(LocalDate d) {
        boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
        return (skipWeekends && weekend) || holidays.contains(d);
    }

    /** The anchor as "which date of this month", empty when the month has none (day 31 in April). */
    private static Function<YearMonth, Optional<LocalDate>> anchor(JsonNode value) {
        String a = value.path("anchor").asText();
        if (a.equals("last_day")) {
            return m -> Optional.of(m.atEndOfMonth());
        }
        if (a.startsWith("day_")) {
            int day = Integer.parseInt(a.substring(4));
            return m -> m.isValidDay(day) ? Optional.of(m.atDay(day)) : Optional.empty();
        }
        if (a.equals("nth_weekday")) {
            return nth(value.path("nth").asInt(), weekday(value.path("weekday").asText()));
        }
        DayOfWeek dow = weekday(a.substring(a.indexOf('_') + 1));
        return a.startsWith("first_")
                ? nth(1, dow)
                : m -> Optional.of(m.atEndOfMonth().with(TemporalAdjusters.previousOrSame(dow)));
    }

    /** The nth {@code dow} of a month; a fifth that the month does not have is none. */
    private static Function<YearMonth, Optional<LocalDate>> nth(int nth, DayOfWeek dow) {
        return m -> Optional.of(m.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(nth, dow)))
                .filter(d -> YearMonth.from(d).equals(m));
    }

    /** {@code monday}, {@code Mon}, {@code fri}…: the first three letters decide. */
    static DayOfWeek weekday(String name) {
        String prefix = name.toLowerCase(Locale.ROOT).substring(0, 3);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown weekday '" + name + "'");
    }
}
