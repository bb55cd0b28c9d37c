package io.kronforce.controller.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.domain.spec.JobSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example job in docs/SCHEDULES.md is valid, already in stored form, and runs when the doc says. */
class SchedulesDocTest {
    @Test
    void theCalendarExampleInDocsSchedulesIsAcceptedAsWritten() throws IOException {
        Path doc = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/SCHEDULES.md");
        Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(doc));
        assertTrue(m.find(), "docs/SCHEDULES.md has no json example");
        JsonNode example = new ObjectMapper().readTree(m.group(1));

        assertEquals(example.get("schedule"), Schedules.normalize(example.get("schedule")));
        Timing timing = Timing.of(JobSpec.parse(example));
        assertEquals(
                Optional.of(Instant.parse("2026-12-30T23:00:00Z")), // Wednesday 18:00 EST
                Schedules.nextFire(timing, Instant.parse("2026-12-01T00:00:00Z"), DuePlanner.History.NONE));
        assertEquals(
                Optional.of(Instant.parse("2027-01-29T23:00:00Z")), // Friday 18:00 EST
                Schedules.nextFire(timing, Instant.parse("2026-12-31T00:00:00Z"), DuePlanner.History.NONE));
    }
}
