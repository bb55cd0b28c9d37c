package io.kronforce.controller.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The forms beyond upstream's: 5-field Unix cron and Quartz's extensions, read in the job's zone.
 * Instants are written in UTC; the comments give the local time they stand for.
 */
class CronDialectTest {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static List<String> fires(String expression, ZoneId zone, String from, int n) {
        CronSchedule cron = CronSchedule.parse(expression, zone);
        List<String> out = new ArrayList<>();
        Instant t = Instant.parse(from);
        for (int i = 0; i < n; i++) {
            t = cron.nextAfter(t).orElseThrow();
            out.add(t.toString());
        }
        return out;
    }

    @Test
    void fiveFieldsAreUnixCronMinuteFirstAtSecondZero() {
        assertEquals(
                List.of("2026-01-01T02:30:00Z", "2026-01-02T02:30:00Z"),
                fires("30 2 * * *", ZoneOffset.UTC, "2026-01-01T00:00:00Z", 2));
        assertEquals(
                List.of("2026-01-01T00:05:00Z", "2026-01-01T00:10:00Z"),
                fires("*/5 * * * *", ZoneOffset.UTC, "2026-01-01T00:00:00Z", 2));
    }

    @ParameterizedTest(name = "{0} and {1} agree")
    @CsvSource({
        "'0 30 2 * * 1-5', '30 2 * * 1-5'",
        "'0 0 9 * JAN-MAR MON', '0 9 * 1-3 1'",
        "'0 0 9 ? * MON#2', '0 9 ? * 1#2'",
        "'0 0 9 L * ?', '0 9 L * ?'",
    })
    void aFiveFieldExpressionIsTheSixFieldOneWithSecondZero(String six, String five) {
        assertEquals(fires(six, LA, "2026-02-20T00:00:00Z", 6), fires(five, LA, "2026-02-20T00:00:00Z", 6));
    }

    @Test
    void unixDaySevenIsSundayAndUpstreamsSixFieldsStillRefuseIt() {
        // 2026-11-27 is a Friday.
        assertEquals(
                List.of("2026-11-29T00:00:00Z", "2026-12-06T00:00:00Z"),
                fires("0 0 * * 7", ZoneOffset.UTC, "2026-11-27T00:00:00Z", 2));
        assertEquals(
                List.of("2026-11-28T00:00:00Z", "2026-11-29T00:00:00Z", "2026-12-05T00:00:00Z"),
                fires("0 0 * * 6-7", ZoneOffset.UTC, "2026-11-27T00:00:00Z", 3));
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("0 0 0 * * 7", ZoneOffset.UTC));
    }

    @Test
    void namesAreReadInAnyCase() {
        assertEquals(
                fires("0 0 8 * * 1-5", BERLIN, "2026-11-27T00:00:00Z", 5),
                fires("0 0 8 * * mon-FRI", BERLIN, "2026-11-27T00:00:00Z", 5));
        assertEquals(
                List.of("2027-01-01T00:00:00Z"), fires("0 0 0 1 jan *", ZoneOffset.UTC, "2026-11-27T00:00:00Z", 1));
    }

    @Test
    void lastDayOfMonthInLosAngelesAcrossTheSpringForwardMonth() {
        // 23:00 local on the last day: Feb 28 is PST (07:00Z next day), Mar 31 and Apr 30 are PDT (06:00Z).
        assertEquals(
                List.of("2026-03-01T07:00:00Z", "2026-04-01T06:00:00Z", "2026-05-01T06:00:00Z"),
                fires("0 0 23 L * ?", LA, "2026-02-15T00:00:00Z", 3));
    }

    @Test
    void lMinusNCountsBackFromTheLastDay() {
        assertEquals(
                List.of("2026-02-26T12:00:00Z", "2026-03-29T12:00:00Z"),
                fires("0 12 L-2 * ?", ZoneOffset.UTC, "2026-02-01T00:00:00Z", 2));
    }

    @Test
    void wIsTheNearestWeekdayAndLwTheLastWeekday() {
        // Nov 15 2026 is a Sunday → Monday 16th; Aug 1 2026 is a Saturday → Monday 3rd (never leaves the month).
        assertEquals(
                List.of("2026-11-16T09:00:00Z"), fires("0 0 9 15W * ?", ZoneOffset.UTC, "2026-11-01T00:00:00Z", 1));
        assertEquals(List.of("2026-08-03T09:00:00Z"), fires("0 0 9 1W * ?", ZoneOffset.UTC, "2026-07-31T00:00:00Z", 1));
        // Last weekday: Jan 31 2027 is a Sunday → Friday 29th; Feb 28 2027 a Sunday → Friday 26th.
        assertEquals(
                List.of("2027-01-29T09:00:00Z", "2027-02-26T09:00:00Z"),
                fires("0 9 LW * ?", ZoneOffset.UTC, "2027-01-01T00:00:00Z", 2));
    }

    @Test
    void hashIsTheNthWeekdayInTheFormsOwnNumbering() {
        // Third Friday (5 in both forms), 10:00 Berlin: CET (09:00Z) in March, CEST (08:00Z) from April.
        assertEquals(
                List.of("2026-03-20T09:00:00Z", "2026-04-17T08:00:00Z"),
                fires("0 0 10 ? * 5#3", BERLIN, "2026-03-01T00:00:00Z", 2));
        assertEquals(
                List.of("2026-03-20T09:00:00Z", "2026-04-17T08:00:00Z"),
                fires("0 10 ? * FRI#3", BERLIN, "2026-03-01T00:00:00Z", 2));
        // First Sunday: 0 upstream, 7 (or 0) in Unix form.
        assertEquals(
                fires("0 0 6 ? * 0#1", LA, "2026-03-01T00:00:00Z", 3),
                fires("0 6 ? * 7#1", LA, "2026-03-01T00:00:00Z", 3));
    }

    @Test
    void nlIsTheLastSuchWeekdayOfTheMonthAcrossFallBackInLosAngeles() {
        // Last Sunday 01:30 local: Oct 25 is PDT (08:30Z); Nov 29 is PST (09:30Z).
        assertEquals(
                List.of("2026-10-25T08:30:00Z", "2026-11-29T09:30:00Z"),
                fires("0 30 1 ? * 0L", LA, "2026-10-01T00:00:00Z", 2));
    }

    @Test
    void questionMarkMeansOnlyTheOtherDayFieldWhileTwoRestrictionsStillOr() {
        // "13th or Friday" (POSIX, upstream) versus "Fridays only" and "the 13th only".
        assertEquals(
                List.of("2026-12-04T00:00:00Z", "2026-12-11T00:00:00Z", "2026-12-13T00:00:00Z"),
                fires("0 0 0 13 * 5", ZoneOffset.UTC, "2026-11-27T00:00:00Z", 3));
        assertEquals(
                List.of("2026-12-04T00:00:00Z", "2026-12-11T00:00:00Z", "2026-12-18T00:00:00Z"),
                fires("0 0 0 ? * 5", ZoneOffset.UTC, "2026-11-27T00:00:00Z", 3));
        assertEquals(
                List.of("2026-12-13T00:00:00Z", "2027-01-13T00:00:00Z"),
                fires("0 0 0 13 * ?", ZoneOffset.UTC, "2026-11-27T00:00:00Z", 2));
    }

    @Test
    void aUnixExpressionSkipsTheNonexistentLocalTimeOnSpringForwardDay() {
        // 02:30 does not exist in Los Angeles on 2026-03-08; like the six-field form there is no run that day.
        assertEquals(
                List.of("2026-03-07T10:30:00Z", "2026-03-09T09:30:00Z"),
                fires("30 2 * * *", LA, "2026-03-07T00:00:00Z", 2));
    }
}
