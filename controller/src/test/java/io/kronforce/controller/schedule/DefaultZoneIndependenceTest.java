package io.kronforce.controller.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Times;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Wire times, cron and schedules give the same answers whatever the JVM's default zone (CI also
 * reruns the whole suite with {@code -Duser.timezone=America/Los_Angeles}).
 */
@Isolated("changes the JVM default time zone")
class DefaultZoneIndependenceTest {
    private static final List<String> ZONES = List.of(
            "UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kathmandu", "Europe/London");

    /** Evaluates {@code work} under each default zone and checks every answer equals the first. */
    private static <T> void sameUnderEveryDefaultZone(Supplier<T> work) {
        TimeZone original = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            T expected = work.get();
            for (String zone : ZONES) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                assertEquals(expected, work.get(), "under default zone " + zone);
            }
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void formatsAndParsesWireTimesIdentically() {
        sameUnderEveryDefaultZone(() -> List.of(
                Times.format(1_775_001_600_000L),
                Times.parse("2026-04-01T02:00:00+02:00").orElseThrow(),
                Times.parse("2026-04-01T00:00:00Z").orElseThrow()));
    }

    @Test
    void computesUtcCronFiresIdentically() {
        // 23:30 UTC is "tomorrow" east of UTC and "today" west of it: a zone leak would show here.
        Instant from = Instant.parse("2026-03-08T09:00:00Z");
        sameUnderEveryDefaultZone(() -> List.of(
                CronSchedule.parse("0 30 23 * * *", ZoneOffset.UTC).nextAfter(from),
                CronSchedule.parse("0 0 0 13 * 5", ZoneOffset.UTC).nextAfter(from),
                CronSchedule.parse("0 30 2 * * 0", ZoneOffset.UTC).nextAfter(from)));
    }

    @Test
    void normalisesSchedulesAndNextFiresIdentically() {
        ObjectNode cron =
                JsonNodeFactory.instance.objectNode().put("type", "cron").put("value", "0 0 0 * * *");
        ObjectNode oneShot =
                JsonNodeFactory.instance.objectNode().put("type", "one_shot").put("value", "2026-11-01T01:30:00-07:00");
        Instant now = Instant.parse("2026-10-31T23:00:00Z");
        sameUnderEveryDefaultZone(() -> List.of(
                Schedules.normalize(oneShot).toString(),
                Schedules.nextFire(cron, now, Optional.empty()),
                Schedules.nextFire(Schedules.normalize(oneShot), now, Optional.empty())));
        assertEquals(
                Optional.of(Instant.parse("2026-11-01T00:00:00Z")), Schedules.nextFire(cron, now, Optional.empty()));
    }
}
