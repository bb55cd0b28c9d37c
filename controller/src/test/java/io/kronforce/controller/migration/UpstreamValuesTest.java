package io.kronforce.controller.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kronforce.controller.resources.Variables;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Upstream's column text as the migration reads it, and the scrubbing of secrets out of its history. */
class UpstreamValuesTest {
    private static final long NOON = Instant.parse("2025-05-01T12:00:00Z").toEpochMilli();

    @Test
    void upstreamsTimestampFormsAllReadAsTheSameInstant() {
        for (String text : new String[] {
            "2025-05-01T12:00:00Z",
            "2025-05-01T12:00:00+00:00",
            "2025-05-01T14:00:00.000000000+02:00",
            "2025-05-01 12:00:00",
            "2025-05-01T12:00:00"
        }) {
            assertEquals(Optional.of(NOON), UpstreamValues.time(text), text);
        }
        assertEquals(NOON + 250, UpstreamValues.time("2025-05-01 12:00:00.250", 0L));
    }

    @Test
    void missingOrUnreadableTimestampsTakeTheFallback() {
        assertEquals(7L, UpstreamValues.time(null, 7L));
        assertEquals(7L, UpstreamValues.time("  ", 7L));
        assertEquals(7L, UpstreamValues.time("yesterday", 7L));
        assertNull(UpstreamValues.timeOrNull("not a time"));
    }

    @Test
    void aJsonColumnThatDoesNotParseIsRefusedOrReadAsAbsent() {
        assertNull(UpstreamValues.json(null));
        assertNull(UpstreamValues.json(""));
        assertEquals(42, UpstreamValues.json("{\"a\":42}").path("a").asInt());
        assertThrows(IllegalArgumentException.class, () -> UpstreamValues.json("{broken"));
        assertNull(UpstreamValues.jsonOrNull("{broken"));
    }

    @Test
    void secretsInASnapshotBecomeTheirPlaceholderAndInOutputTheMask() {
        SecretScrub scrub = new SecretScrub();
        scrub.variable("SHORT", "abc-123");
        scrub.variable("LONG", "abc-123-and-more");
        scrub.variable("QUOTED", "say \"hi\"");
        scrub.variable("TINY", "ab");
        scrub.connection(
                "postgres",
                JsonNodeFactory.instance.objectNode().put("password", "pw-9876").put("host", "db.local"));

        String snapshot =
                "{\"command\":\"use abc-123-and-more then abc-123, say \\\"hi\\\", ab, pw-9876 on db.local\"}";
        assertEquals(
                "{\"command\":\"use {{LONG}} then {{SHORT}}, {{QUOTED}}, ab, " + Variables.MASK + " on db.local\"}",
                scrub.snapshot(snapshot));
        assertEquals(
                "got " + Variables.MASK + " and " + Variables.MASK + " from db.local",
                scrub.output("got abc-123-and-more and pw-9876 from db.local"));
    }

    @Test
    void withNoSecretsKnownTextIsLeftAsItIs() {
        SecretScrub scrub = new SecretScrub();
        assertEquals("abc", scrub.output("abc"));
        assertNull(scrub.snapshot(null));
    }
}
