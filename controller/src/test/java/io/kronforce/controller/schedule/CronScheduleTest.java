package io.kronforce.controller.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Upstream's cron dialect, docs/reference/scheduling.md#cron-dialect, evaluated in an explicit zone. */
class CronScheduleTest {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    private static CronSchedule utc(String expression) {
        return CronSchedule.parse(expression, ZoneOffset.UTC);
    }

    /** The next {@code n} fire times after {@code from}. */
    private static List<Instant> fires(CronSchedule cron, Instant from, int n) {
        List<Instant> out = new ArrayList<>();
        Instant t = from;
        for (int i = 0; i < n; i++) {
            t = cron.nextAfter(t).orElseThrow();
            out.add(t);
        }
        return out;
    }

    private static List<Instant> instants(String... texts) {
        return java.util.Arrays.stream(texts).map(Instant::parse).toList();
    }

    @Test
    void rejectsFourAndSevenFieldsNamingBothForms() {
        for (String expression : List.of("0 2 * *", "0 0 2 * * * 2026")) {
            var e = assertThrows(IllegalArgumentException.class, () -> utc(expression));

            assertTrue(
                    e.getMessage()
                            .startsWith("cron expression must have 6 fields (sec min hour dom month dow)"
                                    + " or 5 (min hour dom month dow)"),
                    e.getMessage());
        }
    }

    @Test
    void readsSecondsFirst() {
        assertEquals(
                instants("2026-01-01T02:00:30Z"), fires(utc("30 0 2 * * *"), Instant.parse("2026-01-01T00:00:00Z"), 1));
    }

    @Test
    void readsDayOfWeekZeroAsSundayAndSixAsSaturday() {
        Instant thursday = Instant.parse("2026-01-01T00:00:00Z");

        assertEquals(
                DayOfWeek.SUNDAY, dayOf(utc("0 0 0 * * 0").nextAfter(thursday).orElseThrow()));
        assertEquals(
                DayOfWeek.MONDAY, dayOf(utc("0 0 0 * * 1").nextAfter(thursday).orElseThrow()));
        assertEquals(
                DayOfWeek.SATURDAY, dayOf(utc("0 0 0 * * 6").nextAfter(thursday).orElseThrow()));
    }

    private static DayOfWeek dayOf(Instant t) {
        return t.atZone(ZoneOffset.UTC).getDayOfWeek();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0 0 0 * * 7",
                "60 0 0 * * *",
                "0 60 0 * * *",
                "0 0 24 * * *",
                "0 0 0 0 * *",
                "0 0 0 32 * *",
                "0 0 0 * 0 *",
                "0 0 0 * 13 *"
            })
    void rejectsValuesOutOfRange(String expression) {
        assertThrows(IllegalArgumentException.class, () -> utc(expression));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "@daily x x x x x",
                "0 0 0 * * 1-",
                "0 0 0 * * */",
                "0 0 0 L,15 * *",
                "0 0 0 5L * *",
                "0 0 0 * * L",
                "0 0 0 * * 5#6",
                "0 0 0 * * 5#0",
                "0 0 0 ? * ?",
                "0 L 0 * * *",
                "0 0 0 * * 5W",
                "0 0 0 W * *",
                "0 0 0 32W * *",
                "0 0 0 L-40 * *",
                "0 0 0 * * XYZ",
                "? * * * *"
            })
    void rejectsMalformedQuartzSyntaxNamingTheExpression(String expression) {
        var e = assertThrows(IllegalArgumentException.class, () -> utc(expression));

        assertTrue(e.getMessage().contains(expression), e.getMessage());
    }

    @Test
    void rejectsAnOverlongExpression() {
        assertThrows(IllegalArgumentException.class, () -> utc("0 0 0 * * " + "1,".repeat(100) + "2"));
    }

    @Test
    void stepsFromAStartToTheFieldMaximum() {
        assertEquals(
                instants(
                        "2026-01-01T00:05:00Z", "2026-01-01T00:25:00Z", "2026-01-01T00:45:00Z", "2026-01-01T01:05:00Z"),
                fires(utc("0 5/20 * * * *"), Instant.parse("2026-01-01T00:00:00Z"), 4));
    }

    @Test
    void stepsWithinARange() {
        assertEquals(
                instants(
                        "2026-01-01T00:10:00Z", "2026-01-01T00:20:00Z", "2026-01-01T00:30:00Z", "2026-01-01T01:10:00Z"),
                fires(utc("0 10-30/10 * * * *"), Instant.parse("2026-01-01T00:00:00Z"), 4));
    }

    @Test
    void stepsOverTheWholeFieldAndReadsListsAndRanges() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");

        assertEquals(instants("2026-01-01T00:00:15Z", "2026-01-01T00:00:30Z"), fires(utc("*/15 * * * * *"), start, 2));
        assertEquals(instants("2026-01-01T08:00:00Z", "2026-01-01T17:00:00Z"), fires(utc("0 0 8,17 * * *"), start, 2));
        assertEquals(
                instants("2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z", "2026-01-01T01:01:00Z"),
                fires(utc("0 1-2 * * * *"), start, 3));
    }

    @Test
    void matchesEitherDayFieldWhenBothAreRestrictedAsPosixDoes() {
        // 2026-11-27 is a Friday. "13th or Friday": the next Friday, not the next Friday the 13th.
        Instant friday27th = Instant.parse("2026-11-27T00:00:00Z");

        assertEquals(
                instants(
                        "2026-12-04T00:00:00Z", "2026-12-11T00:00:00Z", "2026-12-13T00:00:00Z", "2026-12-18T00:00:00Z"),
                fires(utc("0 0 0 13 * 5"), friday27th, 4));
    }

    @Test
    void matchesOnlyTheRestrictedDayFieldWhenTheOtherIsAWildcard() {
        Instant friday27th = Instant.parse("2026-11-27T00:00:00Z");

        assertEquals(
                instants("2026-12-13T00:00:00Z", "2027-01-13T00:00:00Z"), fires(utc("0 0 0 13 * *"), friday27th, 2));
        assertEquals(
                instants("2026-12-04T00:00:00Z", "2026-12-11T00:00:00Z"), fires(utc("0 0 0 * * 5"), friday27th, 2));
    }

    @Test
    void firesStrictlyAfterAnInstantThatItselfMatches() {
        Instant twoAm = Instant.parse("2026-01-01T02:00:00Z");

        assertEquals(
                Instant.parse("2026-01-02T02:00:00Z"),
                utc("0 0 2 * * *").nextAfter(twoAm).orElseThrow());
    }

    @Test
    void firesOnWholeSecondsWhenAskedFromAFractionalInstant() {
        Instant halfPast = Instant.parse("2026-01-01T00:00:00.500Z");

        assertEquals(
                Instant.parse("2026-01-01T00:00:01Z"),
                utc("* * * * * *").nextAfter(halfPast).orElseThrow());
        assertEquals(
                Instant.parse("2026-01-01T00:00:15Z"),
                utc("*/15 * * * * *").nextAfter(halfPast).orElseThrow());
        assertEquals(
                Instant.parse("2026-01-01T01:00:00Z"),
                utc("0 0 * * * *").nextAfter(halfPast).orElseThrow());
    }

    @Test
    void skipsADaily0230RunOnTheSpringForwardDayInLosAngeles() {
        // 2026-03-08 02:00 PST jumps to 03:00 PDT, so 02:30 does not exist that day. cron-utils
        // does not shift the run to 03:00 (as Vixie cron would): that day has no run at all.
        Instant dayBefore = ZonedDateTime.of(2026, 3, 7, 3, 0, 0, 0, LA).toInstant();

        List<Instant> next = fires(CronSchedule.parse("0 30 2 * * *", LA), dayBefore, 2);

        assertEquals(instants("2026-03-09T09:30:00Z", "2026-03-10T09:30:00Z"), next);
        assertEquals(ZonedDateTime.of(2026, 3, 9, 2, 30, 0, 0, LA).toInstant(), next.get(0));
    }

    @Test
    void firesADaily0130RunOnceAtTheFirstOccurrenceOnTheFallBackDayInLosAngeles() {
        // 2026-11-01 01:00-02:00 happens twice (PDT, then PST). cron-utils fires at the first
        // 01:30 (08:30Z) and not at the repeated one (09:30Z).
        Instant dayBefore = ZonedDateTime.of(2026, 10, 31, 2, 0, 0, 0, LA).toInstant();

        List<Instant> next = fires(CronSchedule.parse("0 30 1 * * *", LA), dayBefore, 2);

        assertEquals(instants("2026-11-01T08:30:00Z", "2026-11-02T09:30:00Z"), next);
    }

    @Test
    void evaluatesInTheGivenZoneNotTheJvmDefault() {
        Instant from = Instant.parse("2026-07-01T00:00:00Z");

        assertEquals(
                Instant.parse("2026-07-01T09:00:00Z"),
                CronSchedule.parse("0 0 9 * * *", ZoneOffset.UTC)
                        .nextAfter(from)
                        .orElseThrow());
        assertEquals(
                Instant.parse("2026-07-01T16:00:00Z"),
                CronSchedule.parse("0 0 9 * * *", LA).nextAfter(from).orElseThrow());
    }

    @Test
    void keepsTheExpressionAsGiven() {
        assertEquals("0 0 2 * * *", utc("0 0 2 * * *").expression());
    }
}
