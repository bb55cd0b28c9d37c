package io.kronforce.controller.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Calendar fire times alone: no clock, no database. Values go through {@link Schedules#normalize} first. */
class CalendarScheduleTest {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    /** The calendar value (single-quoted JSON object body) as {@code Schedules.normalize} leaves it. */
    static CalendarSchedule calendar(String value, ZoneId zone) {
        var normalized = Schedules.normalize(JsonSpecs.spec("{'type':'calendar','value':{" + value + "}}"));
        return CalendarSchedule.of(normalized.get("value"), zone);
    }

    private static String next(String value, String after) {
        return next(value, ZoneOffset.UTC, after);
    }

    private static String next(String value, ZoneId zone, String after) {
        return calendar(value, zone)
                .nextAfter(Instant.parse(after))
                .map(Instant::toString)
                .orElse("none");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "'anchor':'last_day'                              | 2026-01-31T00:00:00Z",
                "'anchor':'day_15','hour':9,'minute':30            | 2026-01-15T09:30:00Z",
                "'anchor':'first_monday'                          | 2026-01-05T00:00:00Z",
                "'anchor':'first_mon'                             | 2026-01-05T00:00:00Z",
                "'anchor':'last_friday'                           | 2026-01-30T00:00:00Z",
                "'anchor':'last_fri'                              | 2026-01-30T00:00:00Z",
                "'anchor':'nth_weekday','nth':2,'weekday':'tuesday' | 2026-01-13T00:00:00Z",
                "'anchor':'nth_weekday','nth':5,'weekday':'Fri'   | 2026-01-30T00:00:00Z"
            })
    void eachAnchorPicksItsDateOfTheMonth(String value, String expected) {
        assertEquals(expected, next(value, "2026-01-01T00:00:00Z"));
    }

    @Test
    void theNextFireIsStrictlyAfterAndMovesToTheFollowingMonth() {
        assertEquals("2026-02-28T00:00:00Z", next("'anchor':'last_day'", "2026-01-31T00:00:00Z"));
        assertEquals("2026-01-31T00:00:00Z", next("'anchor':'last_day'", "2026-01-30T23:59:59.999Z"));
    }

    @Test
    void aDayTheMonthLacksOrAMissingFifthWeekdayMeansNoRunThatMonth() {
        assertEquals("2026-05-31T00:00:00Z", next("'anchor':'day_31'", "2026-04-01T00:00:00Z"));
        // January 30 is the fifth Friday; February, March and April 2026 have four.
        assertEquals(
                "2026-05-29T00:00:00Z",
                next("'anchor':'nth_weekday','nth':5,'weekday':'friday'", "2026-01-30T00:00:00Z"));
    }

    @Test
    void offsetsKeepDatesThatCrossAMonthEnd() {
        assertEquals("2026-02-01T00:00:00Z", next("'anchor':'last_day','offset_days':1", "2026-01-15T00:00:00Z"));
        // February's day 1 minus one day is January 31: a real date, kept (upstream drops it).
        assertEquals("2026-01-31T00:00:00Z", next("'anchor':'day_1','offset_days':-1", "2026-01-15T00:00:00Z"));
        assertEquals(
                "2027-01-01T00:00:00Z",
                next("'anchor':'last_day','offset_days':1,'months':[12]", "2026-06-01T00:00:00Z"));
    }

    @Test
    void monthsFilterOnTheAnchorMonth() {
        String value = "'anchor':'day_1','months':[6,12]";
        assertEquals("2026-06-01T00:00:00Z", next(value, "2026-01-10T00:00:00Z"));
        assertEquals("2026-12-01T00:00:00Z", next(value, "2026-06-01T00:00:00Z"));
        // March's last day plus one is April 1: the run belongs to March, so months [3] lets it through.
        assertEquals(
                "2026-04-01T00:00:00Z",
                next("'anchor':'last_day','offset_days':1,'months':[3]", "2026-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "``                                        | 2026-09-01T00:00:00Z",
                ",'roll':'skip'                             | 2026-09-01T00:00:00Z",
                ",'roll':'forward'                          | 2026-08-03T00:00:00Z",
                ",'roll':'backward'                         | 2026-07-31T00:00:00Z",
                ",'roll':'forward','holidays':['2026-08-03'] | 2026-08-04T00:00:00Z",
                ",'roll':'backward','holidays':['2026-07-31','2026-07-30'] | 2026-07-29T00:00:00Z"
            })
    void aWeekendRunIsSkippedOrRolledToABusinessDay(String extra, String expected) {
        // August 1, 2026 is a Saturday.
        assertEquals(expected, next("'anchor':'day_1','skip_weekends':true" + extra, "2026-07-15T00:00:00Z"));
    }

    @Test
    void aHolidayIsSkippedOrRolledAndWeekendsCountOnlyWhenAsked() {
        String holiday = "'anchor':'day_15','holidays':['2026-01-15','2026-01-16']";
        assertEquals("2026-02-15T00:00:00Z", next(holiday, "2026-01-01T00:00:00Z"));
        // Without skip_weekends, Saturday the 17th is a business day.
        assertEquals("2026-01-17T00:00:00Z", next(holiday + ",'roll':'forward'", "2026-01-01T00:00:00Z"));
        assertEquals(
                "2026-01-19T00:00:00Z",
                next(holiday + ",'roll':'forward','skip_weekends':true", "2026-01-01T00:00:00Z"));
        assertEquals("2026-01-14T00:00:00Z", next(holiday + ",'roll':'backward'", "2026-01-01T00:00:00Z"));
    }

    @Test
    void hourAndMinuteAreLocalTimeInTheJobZone() {
        // Winter: Los Angeles is UTC-8; summer: UTC-7.
        assertEquals("2026-01-15T17:00:00Z", next("'anchor':'day_15','hour':9", LA, "2026-01-01T00:00:00Z"));
        assertEquals("2026-07-15T16:00:00Z", next("'anchor':'day_15','hour':9", LA, "2026-07-01T00:00:00Z"));
        // 2026-02-01T03:00Z is still January 31 in Los Angeles: January's last day is yet to come.
        assertEquals(
                "2026-02-01T07:59:00Z", next("'anchor':'last_day','hour':23,'minute':59", LA, "2026-02-01T03:00:00Z"));
    }

    @Test
    void springForwardMovesANonexistentTimeForwardByTheGap() {
        // 2026-03-08 02:30 does not exist in Los Angeles (02:00 jumps to 03:00): it fires at 03:30 PDT.
        assertEquals("2026-03-08T10:30:00Z", next("'anchor':'day_8','hour':2,'minute':30", LA, "2026-03-01T00:00:00Z"));
        assertEquals("2026-04-08T09:30:00Z", next("'anchor':'day_8','hour':2,'minute':30", LA, "2026-03-08T10:30:00Z"));
    }

    @Test
    void fallBackFiresAnAmbiguousTimeOnceAtItsFirstOccurrence() {
        // 2026-11-01 01:30 happens twice in Los Angeles: 08:30Z (PDT) and 09:30Z (PST). Only the first fires.
        String value = "'anchor':'day_1','hour':1,'minute':30";
        assertEquals("2026-11-01T08:30:00Z", next(value, LA, "2026-10-15T00:00:00Z"));
        assertEquals("2026-12-01T09:30:00Z", next(value, LA, "2026-11-01T08:30:00Z"));
        assertEquals("2026-12-01T09:30:00Z", next(value, LA, "2026-11-01T09:00:00Z"));
    }

    @Test
    void february29InALeapYear() {
        assertEquals("2028-02-29T00:00:00Z", next("'anchor':'last_day'", "2028-02-01T00:00:00Z"));
        assertEquals("2028-02-29T00:00:00Z", next("'anchor':'day_29'", "2028-02-01T00:00:00Z"));
        assertEquals("2027-03-29T00:00:00Z", next("'anchor':'day_29'", "2027-02-01T00:00:00Z"));
        assertEquals("2028-03-31T00:00:00Z", next("'anchor':'day_31'", "2028-02-01T00:00:00Z"));
    }

    @Test
    void nothingWithin13MonthsIsNoNextFire() {
        assertEquals("none", next("'anchor':'day_30','months':[2]", "2026-01-01T00:00:00Z"));
        // A fifth Monday in February needs a leap year starting on a Monday (2044): far beyond the horizon.
        assertEquals(
                "none", next("'anchor':'nth_weekday','nth':5,'weekday':'monday','months':[2]", "2026-01-01T00:00:00Z"));
        // The horizon is thirteen months from the local date, inclusive: 2028-02-29 (five Tuesdays).
        String fifthTuesday = "'anchor':'nth_weekday','nth':5,'weekday':'tue','months':[2]";
        assertEquals("none", next(fifthTuesday, "2027-01-28T00:00:00Z"));
        assertEquals("2028-02-29T00:00:00Z", next(fifthTuesday, "2027-01-29T00:00:00Z"));
    }

    @Test
    void latestAtOrBeforeFindsThePreviousRun() {
        CalendarSchedule monthEnd = calendar("'anchor':'last_day','hour':18", ZoneOffset.UTC);
        assertEquals(
                Optional.of(Instant.parse("2026-01-31T18:00:00Z")),
                monthEnd.latestAtOrBefore(Instant.parse("2026-02-27T00:00:00Z")));
        assertEquals(
                Optional.of(Instant.parse("2026-02-28T18:00:00Z")),
                monthEnd.latestAtOrBefore(Instant.parse("2026-02-28T18:00:00Z")));
        assertTrue(calendar("'anchor':'day_30','months':[2]", ZoneOffset.UTC)
                .latestAtOrBefore(Instant.parse("2026-03-01T00:00:00Z"))
                .isEmpty());
    }
}
