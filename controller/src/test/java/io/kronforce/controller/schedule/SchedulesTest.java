package io.kronforce.controller.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.schedule.Schedules.ScheduleException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Schedule JSON validation and next-fire times, docs/reference/scheduling.md#schedule-kinds. */
class SchedulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String normalize(String text) {
        return Schedules.normalize(json(text)).toString().replace('"', '\'');
    }

    private static String rejection(String text) {
        return assertThrows(ScheduleException.class, () -> Schedules.normalize(json(text)))
                .getMessage();
    }

    @Test
    void keepsAValidCronTrimmed() {
        assertEquals("{'type':'cron','value':'0 */5 * * * *'}", normalize("{'type':'cron','value':' 0 */5 * * * * '}"));
    }

    @Test
    void rejectsAnInvalidCronWithTheParserMessage() {
        assertTrue(rejection("{'type':'cron','value':'*/5 * * *'}").startsWith("cron expression must have 6 fields"));
        assertEquals("cron schedule needs a string 'value'", rejection("{'type':'cron','value':5}"));
    }

    @Test
    void turnsManualIntoOnDemandAndDropsAnyValue() {
        assertEquals("{'type':'on_demand'}", normalize("{'type':'manual'}"));
        assertEquals("{'type':'on_demand'}", normalize("{'type':'on_demand','value':'ignored'}"));
    }

    @Test
    void storesAOneShotTimeInUtc() {
        assertEquals(
                "{'type':'one_shot','value':'2026-04-01T00:00:00Z'}",
                normalize("{'type':'one_shot','value':'2026-04-01T02:00:00+02:00'}"));
        assertEquals(
                "{'type':'one_shot','value':'2026-04-01T00:00:00.250Z'}",
                normalize("{'type':'one_shot','value':'2026-03-31T17:00:00.25-07:00'}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'2026-04-01'", "'2026-04-01T00:00:00'", "'tomorrow'", "1775000000"})
    void rejectsAOneShotThatIsNotRfc3339(String value) {
        rejection("{'type':'one_shot','value':" + value + "}");
    }

    @Test
    void acceptsAPositiveWholeInterval() {
        assertEquals(
                "{'type':'interval','value':{'interval_secs':60}}",
                normalize("{'type':'interval','value':{'interval_secs':60,'extra':1}}"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'interval_secs':0}",
                "{'interval_secs':-5}",
                "{'interval_secs':1.5}",
                "{'interval_secs':'60'}",
                "{}",
                "null"
            })
    void rejectsAnIntervalThatIsNotAPositiveWholeNumber(String value) {
        assertEquals(
                "interval schedule needs a positive integer 'interval_secs'",
                rejection("{'type':'interval','value':" + value + "}"));
    }

    @Test
    void keepsAnEventPatternWithItsOptionalFilters() {
        assertEquals(
                "{'type':'event','value':{'kind_pattern':'execution.*','severity':'error','job_name_filter':'etl'}}",
                normalize("{'type':'event','value':{'kind_pattern':'execution.*','severity':'error',"
                        + "'job_name_filter':'etl'}}"));
        assertEquals(
                "{'type':'event','value':{'kind_pattern':'job.created'}}",
                normalize("{'type':'event','value':{'kind_pattern':'job.created','severity':null}}"));
    }

    @Test
    void rejectsAnEventWithoutPatternOrWithAnUnknownSeverity() {
        rejection("{'type':'event','value':{'kind_pattern':' '}}");
        rejection("{'type':'event','value':{}}");
        assertEquals(
                "event severity must be one of info, success, warning, error",
                rejection("{'type':'event','value':{'kind_pattern':'x','severity':'fatal'}}"));
    }

    @Test
    void fillsCalendarDefaults() {
        JsonNode value = Schedules.normalize(json("{'type':'calendar','value':{'anchor':'last_day'}}"))
                .get("value");

        assertEquals(
                json("{'anchor':'last_day','offset_days':0,'hour':0,'minute':0,'skip_weekends':false,"
                        + "'roll':'skip','months':[],'holidays':[]}"),
                value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"skip", "forward", "backward"})
    void keepsACalendarRoll(String roll) {
        JsonNode value = Schedules.normalize(json("{'type':'calendar','value':{'anchor':'day_1','skip_weekends':true,"
                        + "'roll':'" + roll + "'}}"))
                .get("value");

        assertEquals(roll, value.get("roll").asText());
    }

    @Test
    void rejectsAnUnknownCalendarRoll() {
        assertEquals(
                "calendar 'roll' must be skip, forward or backward",
                rejection("{'type':'calendar','value':{'anchor':'day_1','roll':'sideways'}}"));
        assertEquals(
                "calendar 'roll' must be skip, forward or backward",
                rejection("{'type':'calendar','value':{'anchor':'day_1','roll':1}}"));
    }

    /** Accepted means understood: each anchor keeps its name and lands on its own day (1 March 2026 is a Sunday). */
    @ParameterizedTest
    @CsvSource({
        "last_day, 2026-03-31",
        "day_1, 2026-04-01",
        "day_15, 2026-03-15",
        "day_31, 2026-03-31",
        "first_monday, 2026-03-02",
        "last_fri, 2026-03-27",
        "first_sun, 2026-04-05"
    })
    void acceptsCalendarAnchors(String anchor, String nextDay) {
        JsonNode schedule = Schedules.normalize(json("{'type':'calendar','value':{'anchor':'" + anchor + "'}}"));

        assertEquals(anchor, schedule.path("value").path("anchor").asText());
        assertEquals(
                Optional.of(Instant.parse(nextDay + "T00:00:00Z")),
                Schedules.nextFire(schedule, NOW, Optional.empty()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'anchor':'day_0'}",
                "{'anchor':'day_32'}",
                "{'anchor':'someday'}",
                "{'anchor':'last_day','hour':24}",
                "{'anchor':'last_day','minute':60}",
                "{'anchor':'last_day','months':[13]}",
                "{'anchor':'last_day','holidays':['25/12/2026']}",
                "{'anchor':'nth_weekday','weekday':'monday'}",
                "{'anchor':'nth_weekday','nth':6,'weekday':'monday'}",
                "{'anchor':'nth_weekday','nth':2,'weekday':'funday'}"
            })
    void rejectsInvalidCalendars(String value) {
        rejection("{'type':'calendar','value':" + value + "}");
    }

    @Test
    void acceptsAnNthWeekdayCalendar() {
        JsonNode value = Schedules.normalize(json("{'type':'calendar','value':{'anchor':'nth_weekday','nth':2,"
                        + "'weekday':'tuesday','months':[1,7],'holidays':['2026-07-14'],'hour':6}}"))
                .get("value");

        assertEquals(6, value.get("hour").asInt());
        assertEquals(json("[1,7]"), value.get("months"));
    }

    @Test
    void rejectsUnknownTypesAndNonObjects() {
        assertTrue(rejection("{'type':'weekly'}").startsWith("unknown schedule type 'weekly'"));
        assertEquals("schedule must be an object with a string 'type'", rejection("'cron'"));
        assertEquals("schedule must be an object with a string 'type'", rejection("{'value':'x'}"));
    }

    @Test
    void nextFireOfCronIsTheNextMatchAfterNowInUtc() {
        assertEquals(
                Optional.of(Instant.parse("2026-03-02T02:00:00Z")),
                Schedules.nextFire(json("{'type':'cron','value':'0 0 2 * * *'}"), NOW, Optional.empty()));
    }

    @Test
    void nextFireOfAnUnfiredOneShotIsItsTimeOrNowWhenAlreadyPast() {
        JsonNode future = json("{'type':'one_shot','value':'2026-03-01T10:00:01Z'}");
        JsonNode now = json("{'type':'one_shot','value':'2026-03-01T10:00:00Z'}");
        JsonNode past = json("{'type':'one_shot','value':'2026-02-01T00:00:00Z'}");

        assertEquals(
                Optional.of(Instant.parse("2026-03-01T10:00:01Z")), Schedules.nextFire(future, NOW, Optional.empty()));
        // A past one-shot that has not fired is due at once (the scheduler fires it, then unschedules the job).
        assertEquals(Optional.of(NOW), Schedules.nextFire(now, NOW, Optional.empty()));
        assertEquals(Optional.of(NOW), Schedules.nextFire(past, NOW, Optional.empty()));
    }

    @Test
    void nextFireOfIntervalIsNowWhenNeverRunElseLastFinishPlusInterval() {
        JsonNode interval = json("{'type':'interval','value':{'interval_secs':300}}");

        assertEquals(Optional.of(NOW), Schedules.nextFire(interval, NOW, Optional.empty()));
        assertEquals(
                Optional.of(Instant.parse("2026-03-01T10:04:00Z")),
                Schedules.nextFire(interval, NOW, Optional.of(Instant.parse("2026-03-01T09:59:00Z"))));
    }

    @Test
    void nextFireIsEmptyForOnDemandAndEvent() {
        for (String s : new String[] {"{'type':'on_demand'}", "{'type':'event','value':{'kind_pattern':'x'}}"}) {
            assertEquals(Optional.empty(), Schedules.nextFire(json(s), NOW, Optional.empty()), s);
        }
    }

    @Test
    void nextFireOfACalendarIsItsNextDateAndEmptyBeyondTheHorizon() {
        JsonNode monthEnd = Schedules.normalize(json("{'type':'calendar','value':{'anchor':'last_day','hour':18}}"));
        JsonNode never = Schedules.normalize(json("{'type':'calendar','value':{'anchor':'day_31','months':[2]}}"));

        assertEquals(
                Optional.of(Instant.parse("2026-03-31T18:00:00Z")),
                Schedules.nextFire(monthEnd, NOW, Optional.empty()));
        assertEquals(Optional.empty(), Schedules.nextFire(never, NOW, Optional.empty()));
    }
}
